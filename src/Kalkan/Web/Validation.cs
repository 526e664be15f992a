using Microsoft.AspNetCore.Http.HttpResults;

namespace Kalkan.Web;

/// <summary>Collects what is wrong with a request, field by field, for one 400 problem+json.</summary>
public sealed class Validation
{
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

    public ValidationProblem Problem() =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "Some fields are not right.");
}
