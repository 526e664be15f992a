namespace Kalkan.Identity.Sessions;

public static class SessionEndpoints
{
    public sealed record SignInRequest(string? Handle, string? Passphrase, string? Code = null);
    public sealed record SignInResponse(string Token, string Role);

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/v1/session").WithTags("Sessions");
        session.MapPost("/", Create).AllowAnonymous(); // limited inside, by PassphraseGuard
        session.MapDelete("/", End).RequireAuthorization();
        // A page's script says she is still using it (authentication touches last-seen), so a long read does not lock.
        session.MapGet("/", () => TypedResults.NoContent()).RequireAuthorization();
        return app;
    }

    public static async Task<Results<Ok<SignInResponse>, ValidationProblem, ProblemHttpResult>> Create(
        SignInRequest request, SignIn signIn, SessionStore sessions, DuressAlarm duress, CancellationToken ct)
    {
        var errors = new Validation()
            .Required("handle", request.Handle, 64)
            .Required("passphrase", request.Passphrase, 256);
        if (errors.Any) return errors.Problem();
        if (request.Code is { Length: > 16 }) errors.Add("code", "At most 16 characters.");
        if (errors.Any) return errors.Problem();
        var result = await signIn.CheckAsync(request.Handle!, request.Passphrase!, request.Code, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.Wrong:
                return TypedResults.Problem(title: "Wrong handle or passphrase.", statusCode: StatusCodes.Status401Unauthorized);
            case SignInOutcome.CodeNeeded:
                return TypedResults.Problem(title: "Enter the code from your authenticator app.", statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?> { ["codeRequired"] = true });
        }
        var token = await sessions.CreateAsync(result.SessionMemberId, ct);
        await duress.RaiseIfAsync(result, ct);
        return TypedResults.Ok(new SignInResponse(token, result.ShownRole));
    }

    public static async Task<NoContent> End(ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        await sessions.EndAsync(user.SessionId(), ct);
        return TypedResults.NoContent();
    }
}
