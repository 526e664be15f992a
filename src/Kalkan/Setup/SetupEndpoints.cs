namespace Kalkan.Setup;

/// <summary>`POST /api/v1/sys/setup`: the API twin of the /setup page, open on a fresh store only, to whoever has the setup code.</summary>
public static class SetupEndpoints
{
    public sealed record SetupApiRequest(string? SetupCode, string? Network, string? AdminHandle, string? AdminPassphrase,
        string? UnsealPassphrase, string? Shares);
    public sealed record SetupApiResponse(string State, IReadOnlyList<string> Shares);

    public const string Path = "/api/v1/sys/setup";

    public static IEndpointRouteBuilder MapSetup(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, Create).WithTags("Setup").AllowAnonymous().RequireRateLimiting(SealServices.UnsealLimit);
        return app;
    }

    public static async Task<Results<Created<SetupApiResponse>, ValidationProblem, ProblemHttpResult, NotFound>> Create(
        SetupApiRequest request, SealState seal, SetupCode code, NetworkSetup setup, CancellationToken ct)
    {
        if (seal.Status != SealStatus.Uninitialized) return TypedResults.NotFound();
        // The code first, before any other field is looked at: without it nothing is learnt or changed.
        if (!code.Matches(request.SetupCode))
            return TypedResults.Problem(title: "That is not this server's setup code.", statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["field"] = "setupCode" });
        var (threshold, count) = SharesText.Parse(request.Shares);
        var result = await setup.CreateAsync(new SetupRequest(request.Network, request.AdminHandle, request.AdminPassphrase,
            request.UnsealPassphrase, threshold, count), ct);
        switch (result.Outcome)
        {
            case SetupOutcome.AlreadyInitialized: return TypedResults.NotFound();
            case SetupOutcome.Invalid: return result.Errors!.Problem();
        }
        code.Spend();
        return TypedResults.Created("/api/v1/health", new SetupApiResponse("ready", result.Shares ?? []));
    }
}

public static class SharesText
{
    /// <summary>"3/5" → (3, 5); blank → no split; anything else → (1, 0), which validation refuses by name.</summary>
    public static (int, int) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (0, 0);
        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out var k) && int.TryParse(parts[1], out var n) ? (k, n) : (1, 0);
    }

    /// <summary>Any k of n custodians unseal: at least two, at most sixteen shares.</summary>
    public static bool IsValid(int threshold, int count) => threshold >= 2 && count >= threshold && count <= 16;
}
