namespace Kalkan.Warnings.Pages;

/// <summary>
/// The fields of a warning as a form posts them (the member's report, the defender's publish and
/// review forms), and what the shared partial needs to show them again with their messages.
/// </summary>
public sealed record WarningForm(string? Kind, string? Severity, string? Description, string? District, string? Month,
    string? Plate, string? Phone, Guid? Incident = null)
{
    public WarningRequest Request => new(Kind, Severity, Description, District, Month, Plate, Phone, Incident);

    public static WarningForm Of(WarningRequest r) => new(r.Kind, r.Severity, r.Description, r.District, r.Month, r.Plate, r.Phone, r.Incident);
}

/// <summary>What _WarningFields shows: the values (kept after a refusal), the refusal's messages, and whether to ask for an incident.</summary>
public sealed record WarningFieldsModel(WarningForm? Values, PageOutcome? Outcome, bool AskIncident);
