namespace Kalkan.Cases;

public sealed record CasePersonInput(string? Pseudonym, string? Member);

/// <summary>POST /api/v1/cases, as the contract shows it, with optional notes.</summary>
public sealed record CaseInput(string? Title, string? Body, List<Guid?>? Incidents, List<CasePersonInput?>? Complainants,
    List<CasePersonInput?>? Helpers, List<string?>? Assignees, string? Notes);

/// <summary>POST /api/v1/cases/{id}/status. Withdrawn under pressure keeps the watch on.</summary>
public sealed record StatusInput(string? Status, string? On, bool? UnderPressure, string? Note);

public sealed record AssignInput(string? Handle);

public static class CaseValidation
{
    public const int TitleMax = 200, NotesMax = 4000, NoteMax = 1000, PeopleMax = 20;

    /// <summary>The shape of a case; names that must exist in the store are checked by <see cref="CaseDesk"/>.</summary>
    public static Validation Check(CaseInput? input)
    {
        var errors = new Validation();
        if (input is null) return errors.Add("title", "A JSON case is required.");
        errors.Required("title", input.Title, TitleMax);
        if (string.IsNullOrWhiteSpace(input.Body)) errors.Add("body", "Required.");
        else if (!CaseCodes.Bodies.Contains(input.Body.Trim())) errors.Add("body", "One of " + string.Join(", ", CaseCodes.Bodies) + ".");
        if (input.Notes is { Length: > NotesMax }) errors.Add("notes", $"At most {NotesMax} characters.");
        for (var i = 0; i < (input.Incidents?.Count ?? 0); i++)
            if (input.Incidents![i] is null) errors.Add($"incidents[{i}]", "An incident id.");
        People(errors, "complainants", input.Complainants);
        People(errors, "helpers", input.Helpers);
        for (var i = 0; i < (input.Assignees?.Count ?? 0); i++)
            if (Identity.Members.Handles.Problem(input.Assignees![i]) is { } problem) errors.Add($"assignees[{i}]", problem);
        return errors;
    }

    static void People(Validation errors, string field, List<CasePersonInput?>? people)
    {
        if (people is null) return;
        if (people.Count > PeopleMax) errors.Add(field, $"At most {PeopleMax}.");
        for (var i = 0; i < people.Count; i++)
        {
            if (people[i] is not { } person) { errors.Add($"{field}[{i}]", "A person with a pseudonym."); continue; }
            errors.Required($"{field}[{i}].pseudonym", person.Pseudonym, Incidents.PseudonymRegistry.MaxLength);
            if (person.Member is not null && Identity.Members.Handles.Problem(person.Member) is { } problem) errors.Add($"{field}[{i}].member", problem);
        }
    }

    public static (string? Status, string? On, Validation Errors) Check(StatusInput? input, DateOnly today)
    {
        var errors = new Validation();
        if (input is null) return (null, null, errors.Add("status", "A JSON body with status and on is required."));
        var status = input.Status?.Trim();
        if (string.IsNullOrEmpty(status)) errors.Add("status", "Required.");
        else if (!CaseCodes.Statuses.Contains(status)) errors.Add("status", "One of " + string.Join(", ", CaseCodes.Statuses) + ".");
        string? on = null;
        if (string.IsNullOrWhiteSpace(input.On)) errors.Add("on", "Required: a date as 2026-10-03.");
        else if (!DateOnly.TryParseExact(input.On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) errors.Add("on", "A date as 2026-10-03.");
        else if (day > today.AddDays(1)) errors.Add("on", "Not in the future.");
        else on = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (input.UnderPressure == true && status != CaseCodes.Withdrawn) errors.Add("underPressure", "Only a withdrawal is recorded as under pressure.");
        if (input.Note is { Length: > NoteMax }) errors.Add("note", $"At most {NoteMax} characters.");
        return (status, on, errors);
    }
}
