using Kalkan.Identity.Sessions;

namespace Kalkan.Identity.Members;

/// <summary>
/// What a member does with her own account over HTTP: see and end her sessions, change her
/// passphrase, set a duress passphrase, delete everything. Each handler maps what
/// <see cref="AccountDesk"/> or <see cref="PassphraseDesk"/> decided, for her own id from the session.
/// </summary>
public static class AccountEndpoints
{
    public sealed record PassphraseChange(string? Current, string? New);
    public sealed record DuressRequest(string? Passphrase, string? Duress);
    public sealed record PassphraseOnly(string? Passphrase);

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/v1").WithTags("Account").RequireAuthorization(Roles.Member);
        account.MapGet("/account", Show);
        account.MapDelete("/account", Delete);
        account.MapPost("/account/passphrase", ChangePassphrase);
        account.MapPut("/account/duress", SetDuress);
        account.MapDelete("/account/duress", RemoveDuress);
        account.MapGet("/sessions", Sessions);
        account.MapDelete("/sessions/{id:guid}", EndSession);
        return app;
    }

    public static async Task<Ok<AccountView>> Show(ClaimsPrincipal user, AccountDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ShowAsync(user.MemberId(), ct));

    public static async Task<Ok<List<SessionView>>> Sessions(ClaimsPrincipal user, AccountDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.SessionsAsync(user.MemberId(), user.SessionId(), ct));

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> EndSession(Guid id, ClaimsPrincipal user, AccountDesk desk, CancellationToken ct) =>
        (await desk.EndSessionAsync(user.MemberId(), id, ct)).NoContentOr();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassphrase(PassphraseChange request, ClaimsPrincipal user,
        PassphraseDesk desk, CancellationToken ct) =>
        (await desk.ChangeAsync(user.MemberId(), user.SessionId(), request.Current, request.New, ct)).NoContentOr();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetDuress(DuressRequest request, ClaimsPrincipal user,
        PassphraseDesk desk, CancellationToken ct) =>
        (await desk.SetDuressAsync(user.MemberId(), request.Passphrase, request.Duress, ct)).NoContentOr();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveDuress([Microsoft.AspNetCore.Mvc.FromBody] PassphraseOnly request,
        ClaimsPrincipal user, PassphraseDesk desk, CancellationToken ct) =>
        (await desk.RemoveDuressAsync(user.MemberId(), request.Passphrase, ct)).NoContentOr();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete([Microsoft.AspNetCore.Mvc.FromBody] PassphraseOnly request,
        ClaimsPrincipal user, AccountDesk desk, CancellationToken ct) =>
        (await desk.DeleteAsync(user.MemberId(), request.Passphrase, ct)).NoContentOr();
}
