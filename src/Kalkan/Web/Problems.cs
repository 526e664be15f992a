using Microsoft.AspNetCore.Diagnostics;

namespace Kalkan.Web;

/// <summary>
/// Every failure becomes application/problem+json (RFC 9457) with a status and a title and never
/// a stack trace. A body that is not valid JSON, or has a field of the wrong type, is a 400 that
/// names the field; the sealed store is a 503; anything unexpected is logged by type only.
/// </summary>
sealed class Problems(IProblemDetailsService problems, ILogger<Problems> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FieldProblem(json),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = bad.StatusCode == 413 ? "The request body is larger than 1 MiB." : "The request could not be read." },
            Seal.SealedException => new ProblemDetails { Status = 503, Title = "Kalkan is sealed." },
            Identity.Sessions.TooManyAttemptsException => new ProblemDetails { Status = 429, Title = "Too many attempts; wait a little and try again." },
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested) return true;
            // The type and the route only: a message can quote input, and input can be personal.
            log.LogError("Unhandled {Type} on {Method} {Route}", exception.GetType().Name, context.Request.Method,
                context.GetEndpoint()?.DisplayName ?? "(no endpoint)");
            problem = new ProblemDetails { Status = 500, Title = "Something went wrong on the server." };
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = null });
    }

    static ValidationProblemDetails FieldProblem(JsonException json)
    {
        var field = FieldName(json.Path);
        return new ValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [field == "body" ? "The body is not valid JSON." : "This value has the wrong type or form."],
        })
        { Status = 400, Title = "Some fields are not right." };
    }

    /// <summary>"$.lat" → "lat", "$.victims[0].pseudonym" → "victims[0].pseudonym", "$" → "body".</summary>
    static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');
}
