namespace Kalkan.Web;

/// <summary>
/// A service's outcome as a page shows it: done, or the field-by-field messages, or a problem's
/// title; with the status the service decided, which the page answers with (never a guess).
/// </summary>
public sealed record PageOutcome(bool Ok, IReadOnlyDictionary<string, string[]> Errors, string? Title, object? Value)
{
    /// <summary>The HTTP status the page answers with when it shows this outcome.</summary>
    public int Status { get; init; } = Ok ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;

    public static PageOutcome From<T>(Outcome<T> outcome) =>
        new(outcome.Ok, outcome.Errors?.ToDictionary() ?? new Dictionary<string, string[]>(), outcome.Title, outcome.Value) { Status = outcome.Status };

    public IEnumerable<string> For(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];
}

public static class PageAnswers
{
    /// <summary>
    /// Post-redirect-get when it worked, so Back or a reload never sends it again; otherwise the
    /// page again, reloaded, answering with the status the service decided.
    /// </summary>
    public static async Task<Microsoft.AspNetCore.Mvc.IActionResult> AnswerAsync(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, PageOutcome outcome,
        string redirect, Func<Task> reload)
    {
        if (outcome.Ok) return new Microsoft.AspNetCore.Mvc.RedirectResult(redirect);
        page.Response.StatusCode = outcome.Status;
        await reload();
        return new Microsoft.AspNetCore.Mvc.RazorPages.PageResult();
    }
}
