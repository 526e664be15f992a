namespace Kalkan.Incidents.Pages;

/// <summary>
/// The incident form as a phone posts it, without script: three victim lines, two witness lines,
/// one perpetrator (more by correction), each violation a checkbox with its own details.
/// </summary>
public sealed class IncidentForm
{
    public string? OccurredOn { get; set; }
    public string? Place { get; set; }
    public string? Lat { get; set; }
    public string? Lon { get; set; }
    public string? District { get; set; }
    public List<string> Violations { get; set; } = [];
    public Dictionary<string, string?> Details { get; set; } = [];
    public string? Narrative { get; set; }
    public List<string?> Victims { get; set; } = [];
    public List<int> DefenderVictims { get; set; } = [];
    public List<string?> Witnesses { get; set; } = [];
    public string? PerpetratorKind { get; set; }
    public string? Unit { get; set; }
    public string? Badge { get; set; }
    public string? Plate { get; set; }
    public string? Description { get; set; }
    public Guid? Profile { get; set; }
    public string? Trigger { get; set; }
    public bool Aggregate { get; set; }
    public bool Advocacy { get; set; }
    public bool Legal { get; set; }
    public string? Correction { get; set; }

    public IncidentInput ToInput(bool seal)
    {
        static double? Number(string? s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        var named = string.IsNullOrWhiteSpace(Unit) && string.IsNullOrWhiteSpace(Badge) && string.IsNullOrWhiteSpace(Plate) && string.IsNullOrWhiteSpace(Description);
        return new IncidentInput(OccurredOn, Place, Number(Lat), string.IsNullOrWhiteSpace(Lon) && string.IsNullOrWhiteSpace(Lat) ? null : Number(Lon) ?? double.NaN, District,
            [.. Violations.Distinct().Select(code => new ActInput(code, Details.GetValueOrDefault(code)))],
            Narrative,
            [.. Victims.Select((v, i) => (v, i)).Where(p => !string.IsNullOrWhiteSpace(p.v)).Select(p => new PersonInput(p.v, DefenderVictims.Contains(p.i)))],
            [.. Witnesses.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => new PersonInput(w))],
            string.IsNullOrEmpty(PerpetratorKind) && named ? [] : [new PerpetratorInput(PerpetratorKind ?? "unknown", Unit, Badge, Plate, Description, Profile)],
            string.IsNullOrEmpty(Trigger) ? null : Trigger,
            new ConsentInput(Aggregate, Advocacy, Legal), seal, Correction);
    }

    public static IncidentForm From(IncidentView view)
    {
        var perpetrator = view.Perpetrators.FirstOrDefault();
        return new IncidentForm
        {
            OccurredOn = view.OccurredOn, Place = view.Place, District = view.District, Narrative = view.Narrative, Trigger = view.Trigger,
            Lat = view.Lat?.ToString(CultureInfo.InvariantCulture), Lon = view.Lon?.ToString(CultureInfo.InvariantCulture),
            Violations = [.. view.Acts.Select(a => a.Code)], Details = view.Acts.ToDictionary(a => a.Code, a => a.Details),
            Victims = [.. view.Victims.Select(v => (string?)v.Pseudonym)],
            DefenderVictims = [.. view.Victims.Select((v, i) => (v, i)).Where(p => p.v.Defender == true).Select(p => p.i)],
            Witnesses = [.. view.Witnesses.Select(w => (string?)w.Pseudonym)],
            PerpetratorKind = perpetrator?.Kind, Unit = perpetrator?.Unit, Badge = perpetrator?.Badge, Plate = perpetrator?.VehiclePlate,
            Description = perpetrator?.Description, Profile = perpetrator?.Profile,
            Aggregate = view.Consent.Aggregate, Advocacy = view.Consent.Advocacy, Legal = view.Consent.Legal,
        };
    }
}
