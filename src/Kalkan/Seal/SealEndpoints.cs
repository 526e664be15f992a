namespace Kalkan.Seal;

public static class SealEndpoints
{
    public sealed record HealthResponse(string State);
    public sealed record UnsealRequest(string? Passphrase, string? Share);
    public sealed record UnsealResponse(string State, int? SharesGiven = null, int? SharesNeeded = null);

    public static IEndpointRouteBuilder MapSeal(this IEndpointRouteBuilder app)
    {
        var sys = app.MapGroup("/api/v1").WithTags("Seal");
        sys.MapGet("/health", Health).AllowAnonymous().ShortCircuit();
        sys.MapPost("/sys/unseal", Unseal).AllowAnonymous().RequireRateLimiting(SealServices.UnsealLimit);
        sys.MapPost("/sys/seal", SealNow).RequireAuthorization(Identity.Members.Roles.Admin);
        return app;
    }

    static readonly Ok<HealthResponse>[] HealthAnswers =
        [.. Enum.GetValues<SealStatus>().Select(s => TypedResults.Ok(new HealthResponse(StateName(s))))];

    /// <summary>Polled by monitors: one prepared answer per state.</summary>
    public static Ok<HealthResponse> Health(SealState seal) => HealthAnswers[(int)seal.Status];

    public static async Task<Results<Ok<UnsealResponse>, ValidationProblem, ProblemHttpResult>> Unseal(
        UnsealRequest request, Unsealer unsealer, CancellationToken ct)
    {
        var errors = new Validation();
        if (string.IsNullOrEmpty(request.Passphrase) && string.IsNullOrEmpty(request.Share))
            errors.Add("passphrase", "Give the unseal passphrase (or a key share).");
        if (request.Passphrase is { Length: > 1024 }) errors.Add("passphrase", "At most 1024 characters.");
        if (request.Share is { Length: > 1024 }) errors.Add("share", "At most 1024 characters.");
        if (errors.Any) return errors.Problem();

        var outcome = request.Passphrase is { Length: > 0 } passphrase
            ? await unsealer.WithPassphraseAsync(passphrase, ct)
            : await unsealer.WithShareAsync(request.Share!, ct);
        return outcome switch
        {
            UnsealOutcome.Ready => TypedResults.Ok(new UnsealResponse("ready")),
            UnsealOutcome.NeedMoreShares => TypedResults.Ok(new UnsealResponse("sealed", unsealer.SharesGiven)),
            UnsealOutcome.Uninitialized => TypedResults.Problem(title: "Kalkan is not set up yet.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem(title: "That does not unseal Kalkan.", statusCode: StatusCodes.Status403Forbidden),
        };
    }

    public static async Task<Ok<HealthResponse>> SealNow(SealState seal, IEnumerable<ISealObserver> observers, ILogger<SealState> log, CancellationToken ct)
    {
        foreach (var observer in observers) await observer.SealingAsync(ct);
        seal.Close();
        log.LogWarning("Sealed by an admin");
        return TypedResults.Ok(new HealthResponse("sealed"));
    }

    public static string StateName(SealStatus status) => status switch
    {
        SealStatus.Uninitialized => "uninitialized",
        SealStatus.Sealed => "sealed",
        _ => "ready",
    };
}
