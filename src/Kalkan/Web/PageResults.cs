using Microsoft.AspNetCore.Http.HttpResults;

namespace Kalkan.Web;

/// <summary>
/// Lets a page reuse an API handler (one place for the rule) and show its outcome as a page would:
/// done, or the field-by-field messages, or a problem's title.
/// </summary>
public sealed record PageOutcome(bool Ok, IReadOnlyDictionary<string, string[]> Errors, string? Title, object? Value)
{
    public static PageOutcome From(IResult result) => result switch
    {
        INestedHttpResult nested => From(nested.Result),
        ValidationProblem problem => new(false, problem.ProblemDetails.Errors.AsReadOnly(), problem.ProblemDetails.Title, null),
        ProblemHttpResult problem => new(false, new Dictionary<string, string[]>(), problem.ProblemDetails.Title, null),
        IStatusCodeHttpResult { StatusCode: >= 400 } => new(false, new Dictionary<string, string[]>(), null, null),
        IValueHttpResult value => new(true, new Dictionary<string, string[]>(), null, value.Value),
        _ => new(true, new Dictionary<string, string[]>(), null, null),
    };

    public IEnumerable<string> For(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];
}
