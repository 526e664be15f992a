namespace Kalkan.Web;

/// <summary>
/// A page that shows a service's outcome on itself, instead of redirecting: what was done, or the
/// refusal with its messages, answering with the status the service decided (<see cref="PageOutcome"/>).
/// </summary>
public abstract class OutcomePage : PageModel
{
    public PageOutcome? Outcome { get; private set; }
    /// <summary>The message of what was done, shown above the page.</summary>
    public string? Done { get; protected set; }

    /// <summary>
    /// The page again, reloaded, with what happened: <paramref name="done"/> when it worked (none keeps
    /// a message the handler already set), otherwise the refusal with the status the service decided.
    /// </summary>
    protected async Task<IActionResult> ShowAsync(PageOutcome outcome, string? done, Func<Task> reload)
    {
        Outcome = outcome;
        if (!outcome.Ok) Response.StatusCode = outcome.Status;
        else if (done is not null) Done = done;
        await reload();
        return Page();
    }

    protected Task<IActionResult> ShowAsync<T>(Outcome<T> outcome, string? done, Func<Task> reload) => ShowAsync(PageOutcome.From(outcome), done, reload);
}
