namespace Kalkan.Incidents;

/// <summary>A checked incident: everything the store needs, nothing it must refuse.</summary>
public sealed record CheckedIncident(IncidentDate Date, string? District, string? Trigger, List<(string Code, string? Details)> Acts,
    List<PersonInput> Victims, List<PersonInput> Witnesses, List<(StatedPerpetrator Stated, Guid? Profile)> Perpetrators,
    ConsentInput Consent, IncidentBody Body);

/// <summary>Every rule an incident must meet, each failure named by its field, before anything is stored.</summary>
public static class IncidentValidation
{
    public const int PlaceMax = 500, NarrativeMax = 20_000, DetailsMax = 2_000, DistrictMax = 80, UnitMax = 200, BadgeMax = 40,
        PlateMax = 20, DescriptionMax = 2_000, CorrectionMax = 1_000, ListMax = 50;

    public static (CheckedIncident? Incident, Validation Errors) Check(IncidentInput? input, DateOnly today, Guid recordedBy)
    {
        var errors = new Validation();
        if (input is null) return (null, errors.Add("body", "An incident is a JSON object."));
        var date = IncidentDate.Parse(input.OccurredOn, today);
        if (date is null) errors.Add("occurredOn", "A past date as 2026-10-03, a month as 2026-10, or a year as 2026.");
        Optional(errors, "place", input.Place, PlaceMax);
        Optional(errors, "narrative", input.Narrative, NarrativeMax);
        Optional(errors, "district", input.District, DistrictMax);
        Optional(errors, "correction", input.Correction, CorrectionMax);
        errors.Place(input.Lat, input.Lon, required: false);
        if (input.Trigger is { } trigger && !IncidentCodes.Triggers.Contains(trigger))
            errors.Add("trigger", "One of " + string.Join(", ", IncidentCodes.Triggers) + ".");

        var acts = new List<(string, string?)>();
        if (input.Violations is not { Count: > 0 }) errors.Add("violations", "At least one violation.");
        else if (input.Violations.Count > ListMax) errors.Add("violations", $"At most {ListMax}.");
        else
            for (var i = 0; i < input.Violations.Count; i++)
            {
                var act = input.Violations[i];
                if (act?.Code is not { } code || !IncidentCodes.Violations.Contains(code))
                    errors.Add($"violations[{i}]", "One of " + string.Join(", ", IncidentCodes.Violations) + ".");
                else if (Optional(errors, $"violations[{i}].details", act.Details, DetailsMax)) acts.Add((code, Blank(act.Details)));
            }

        var victims = People(errors, "victims", input.Victims);
        var witnesses = People(errors, "witnesses", input.Witnesses);
        var perpetrators = new List<(StatedPerpetrator, Guid?)>();
        if (input.Perpetrators?.Count > ListMax) errors.Add("perpetrators", $"At most {ListMax}.");
        else
            for (var i = 0; i < (input.Perpetrators?.Count ?? 0); i++)
            {
                var p = input.Perpetrators![i];
                var field = $"perpetrators[{i}]";
                if (p is null) { errors.Add(field, "A perpetrator is an object with a kind."); continue; }
                var ok = true;
                if (p.Kind is not { } kind || !IncidentCodes.PerpetratorKinds.Contains(kind))
                {
                    errors.Add(field + ".kind", "One of " + string.Join(", ", IncidentCodes.PerpetratorKinds) + ".");
                    ok = false;
                }
                ok &= Optional(errors, field + ".unit", p.Unit, UnitMax) & Optional(errors, field + ".badge", p.Badge, BadgeMax)
                    & Optional(errors, field + ".vehiclePlate", p.VehiclePlate, PlateMax) & Optional(errors, field + ".description", p.Description, DescriptionMax);
                if (ok) perpetrators.Add((new StatedPerpetrator(p.Kind!, Blank(p.Unit), Blank(p.Badge), Blank(p.VehiclePlate), Blank(p.Description)), p.Profile));
            }

        if (input.Consent is not { Aggregate: not null, Advocacy: not null, Legal: not null })
            errors.Add("consent", "Say for each of aggregate, advocacy and legal whether she agreed (true or false).");

        if (errors.Any) return (null, errors);
        var body = new IncidentBody(Blank(input.Place), input.Lat, input.Lon, Blank(input.Narrative), [.. acts.Select(a => a.Item2)],
            [.. perpetrators.Select(p => p.Item1)], recordedBy, Blank(input.Correction));
        return (new CheckedIncident(date!.Value, Blank(input.District), input.Trigger, acts, victims, witnesses, perpetrators, input.Consent!, body), errors);
    }

    static List<PersonInput> People(Validation errors, string field, List<PersonInput?>? people)
    {
        var checkedPeople = new List<PersonInput>();
        if (people?.Count > ListMax) { errors.Add(field, $"At most {ListMax}."); return checkedPeople; }
        for (var i = 0; i < (people?.Count ?? 0); i++)
        {
            var name = people![i]?.Pseudonym?.Trim();
            if (string.IsNullOrEmpty(name)) errors.Add($"{field}[{i}].pseudonym", "A pseudonym, never a real name.");
            else if (name.Length > PseudonymRegistry.MaxLength) errors.Add($"{field}[{i}].pseudonym", $"At most {PseudonymRegistry.MaxLength} characters.");
            else checkedPeople.Add(people[i]! with { Pseudonym = name });
        }
        return checkedPeople;
    }

    static bool Optional(Validation errors, string field, string? value, int max)
    {
        if (value is null || value.Length <= max) return true;
        errors.Add(field, $"At most {max} characters.");
        return false;
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
