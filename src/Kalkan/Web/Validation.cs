namespace Kalkan.Web;

/// <summary>Collects what is wrong with a request, field by field, for one 400 problem+json.</summary>
public sealed class Validation
{
    public const string Title = "Some fields are not right.";

    readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public IEnumerable<(string Field, IReadOnlyList<string> Messages)> Fields => errors.Select(e => (e.Key, (IReadOnlyList<string>)e.Value));

    public Validation Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "Required.");
        else if (value.Length > maxLength) Add(field, $"At most {maxLength} characters.");
        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public const string LatitudeMessage = "A latitude from -90 to 90.", LongitudeMessage = "A longitude from -180 to 180.";

    /// <summary>
    /// A place as latitude and longitude, the one rule every feature uses: both, or (when the place
    /// is optional) neither; each finite and in range, each field named with its own message.
    /// </summary>
    public Validation Place(double? lat, double? lon, bool required = true)
    {
        if (!required && lat is null && lon is null) return this;
        if (lat is not { } latitude || !double.IsFinite(latitude) || latitude is < -90 or > 90) Add("lat", LatitudeMessage);
        if (lon is not { } longitude || !double.IsFinite(longitude) || longitude is < -180 or > 180) Add("lon", LongitudeMessage);
        return this;
    }

    public ValidationProblem Problem() =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: Title);
}
