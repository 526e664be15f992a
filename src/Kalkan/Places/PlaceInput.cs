namespace Kalkan.Places;

/// <summary>POST and PUT /api/v1/places: what a defender writes about a place.</summary>
public sealed record PlaceRequest(string? Name, string? Kind, string? District, string? Hours, IReadOnlyList<string>? Languages, string? Contact, string? Note);

/// <summary>The rules a place's description follows, in one place for the API and the page.</summary>
public static class PlaceInput
{
    public const int NameLength = 100, DistrictLength = 100, HoursLength = 100, ContactLength = 200, NoteLength = 500, LanguageLength = 40, MostLanguages = 10;

    /// <summary>The kinds the issue names; "other" for what fits none.</summary>
    public static readonly string[] Kinds = ["community_space", "clinic", "legal_aid", "hotline", "shelter", "other"];

    public static Validation Validate(PlaceRequest request)
    {
        var errors = new Validation()
            .Required("name", request.Name, NameLength)
            .Required("district", request.District, DistrictLength);
        if (request.Kind is null || !Kinds.Contains(request.Kind)) errors.Add("kind", "One of: " + string.Join(", ", Kinds) + ".");
        Optional(errors, "hours", request.Hours, HoursLength);
        Optional(errors, "contact", request.Contact, ContactLength);
        Optional(errors, "note", request.Note, NoteLength);
        var languages = request.Languages ?? [];
        if (languages.Count > MostLanguages) errors.Add("languages", $"At most {MostLanguages} languages.");
        else if (languages.Any(l => string.IsNullOrWhiteSpace(l) || l.Trim().Length > LanguageLength)) errors.Add("languages", $"Each language: 1 to {LanguageLength} characters.");
        return errors;
    }

    /// <summary>The details to seal, trimmed; call only after <see cref="Validate"/> found nothing.</summary>
    public static PlaceDetails Details(PlaceRequest request) => new(
        request.Name!.Trim(), request.Kind!, request.District!.Trim(), Blank(request.Hours),
        (request.Languages ?? []).Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        Blank(request.Contact), Blank(request.Note));

    /// <summary>The page's one text box of languages ("Russian, Kyrgyz") as the API's list.</summary>
    public static IReadOnlyList<string> SplitLanguages(string? text) =>
        (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static void Optional(Validation errors, string field, string? value, int length)
    {
        if (value is not null && value.Trim().Length > length) errors.Add(field, $"At most {length} characters.");
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
