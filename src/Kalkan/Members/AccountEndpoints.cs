using System.Security.Claims;
using Kalkan.Sessions;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Members;

/// <summary>
/// What a member does with her own account: see and end her sessions, change her passphrase, set
/// a duress passphrase, delete everything. Every query is keyed by her own id from the session,
/// so no one reaches another's account through these.
/// </summary>
public static class AccountEndpoints
{
    public sealed record AccountView(string Handle, string Role, bool SecondFactor, bool Duress, DateTimeOffset CreatedAt);
    public sealed record SessionView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current);
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

    /// <summary>Her account as she sees it; under duress the decoy shows her role, second factor, duress state and age, so the two cannot be told apart.</summary>
    public static async Task<Results<Ok<AccountView>, NotFound>> Show(ClaimsPrincipal user, PassphraseCheck check, MemberAccounts accounts, CancellationToken ct)
    {
        var (me, owner, _) = await check.HolderAsync(user.MemberId(), tracked: false, ct);
        return TypedResults.Ok(new AccountView(accounts.HandleOf(me), owner.Role, me.TotpEnabled, accounts.DuressOf(owner).DuressHash is not null, owner.CreatedAt));
    }

    public static async Task<Ok<List<SessionView>>> Sessions(ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        var current = user.SessionId();
        var mine = await sessions.ListAsync(user.MemberId(), ct);
        return TypedResults.Ok(mine.Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.Id == current)).ToList());
    }

    public static async Task<Results<NoContent, NotFound>> EndSession(Guid id, ClaimsPrincipal user, SessionStore sessions, CancellationToken ct) =>
        await sessions.EndMineAsync(user.MemberId(), id, ct) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();

    public static async Task<Results<NoContent, ValidationProblem>> ChangePassphrase(PassphraseChange request, ClaimsPrincipal user,
        KalkanDb db, PassphraseCheck check, MemberAccounts accounts, PassphraseHasher hasher, SessionStore sessions, CancellationToken ct)
    {
        var holder = await check.HolderAsync(user.MemberId(), tracked: true, ct);
        var (me, owner, underDuress) = holder;
        var errors = new Validation();
        if (PassphrasePolicy.Problem(request.New) is { } problem) errors.Add("new", problem);
        if (await check.CheckAsync(holder, request.Current, ct) != Said.Hers)
            errors.Add("current", "This is not your current passphrase.");
        else if (!underDuress && request.New is { } fresh && hasher.Check(fresh, me.PassphraseHash, accounts.DuressOf(me).DuressHash).Duress)
            errors.Add("new", "This is your duress passphrase; choose another.");
        if (errors.Any) return errors.Problem();
        // Same salt, so her duress passphrase keeps working beside the new one. Under duress the
        // "change" moves her duress passphrase instead, so whoever forced it can use it and learns nothing.
        if (!underDuress) me.PassphraseHash = hasher.HashLike(request.New!, me.PassphraseHash);
        else accounts.SetDuress(owner, accounts.DuressOf(owner) with { DuressHash = hasher.HashLike(request.New!, owner.PassphraseHash) });
        await db.SaveChangesAsync(ct);
        await sessions.EndOthersAsync(me.Id, user.SessionId(), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem>> SetDuress(DuressRequest request, ClaimsPrincipal user,
        KalkanDb db, PassphraseCheck check, PassphraseHasher hasher, MemberAccounts accounts, CancellationToken ct)
    {
        var holder = await check.HolderAsync(user.MemberId(), tracked: true, ct);
        var errors = await PassphraseProblemAsync(check, holder, request.Passphrase, ct);
        if (PassphrasePolicy.Problem(request.Duress) is { } problem) errors.Add("duress", problem);
        else if (request.Duress == request.Passphrase) errors.Add("duress", "It must differ from your passphrase.");
        if (errors.Any) return errors.Problem();
        if (holder.UnderDuress) return TypedResults.NoContent(); // under duress: seems done, changes nothing
        var me = holder.Me;
        var state = accounts.DuressOf(me) with { DuressHash = hasher.HashLike(request.Duress!, me.PassphraseHash) };
        if (state.DecoyId is null)
        {
            var decoy = accounts.NewDecoy(me);
            accounts.MirrorSecondFactor(me, decoy);
            db.Members.Add(decoy);
            state = state with { Other = decoy.Id };
        }
        accounts.SetDuress(me, state);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem>> RemoveDuress([Microsoft.AspNetCore.Mvc.FromBody] PassphraseOnly request, ClaimsPrincipal user,
        KalkanDb db, PassphraseCheck check, MemberAccounts accounts, CancellationToken ct)
    {
        var holder = await check.HolderAsync(user.MemberId(), tracked: true, ct);
        var errors = await PassphraseProblemAsync(check, holder, request.Passphrase, ct);
        if (errors.Any) return errors.Problem();
        if (holder.UnderDuress) return TypedResults.NoContent();
        accounts.SetDuress(holder.Me, accounts.DuressOf(holder.Me) with { DuressHash = null });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Everything of hers goes (<see cref="AccountDeletion"/>); under duress only the decoy's sessions end, and it seems done.</summary>
    public static async Task<Results<NoContent, ValidationProblem>> Delete([Microsoft.AspNetCore.Mvc.FromBody] PassphraseOnly request, ClaimsPrincipal user,
        KalkanDb db, PassphraseCheck check, AccountDeletion deletion, CancellationToken ct)
    {
        var holder = await check.HolderAsync(user.MemberId(), tracked: false, ct);
        var errors = await PassphraseProblemAsync(check, holder, request.Passphrase, ct);
        if (errors.Any) return errors.Problem();
        await deletion.DeleteAsync(holder, ct);
        return TypedResults.NoContent();
    }

    static async Task<Validation> PassphraseProblemAsync(PassphraseCheck check, Holder holder, string? passphrase, CancellationToken ct)
    {
        var errors = new Validation();
        if (await check.CheckAsync(holder, passphrase, ct) != Said.Hers) errors.Add("passphrase", "This is not your current passphrase.");
        return errors;
    }
}
