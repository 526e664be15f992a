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

    public static async Task<Results<Ok<AccountView>, NotFound>> Show(ClaimsPrincipal user, KalkanDb db, MemberAccounts accounts, CancellationToken ct)
    {
        var me = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == user.MemberId(), ct);
        if (me is null) return TypedResults.NotFound();
        return TypedResults.Ok(new AccountView(accounts.HandleOf(me), me.Role, me.TotpEnabled, me.DuressHash is not null, me.CreatedAt));
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
        KalkanDb db, PassphraseHasher hasher, SessionStore sessions, CancellationToken ct)
    {
        var me = await db.Members.SingleAsync(m => m.Id == user.MemberId(), ct);
        var owner = me.IsDecoy ? await db.Members.SingleAsync(m => m.DecoyId == me.Id, ct) : null;
        var errors = new Validation();
        if (PassphrasePolicy.Problem(request.New) is { } problem) errors.Add("new", problem);
        if (!Knows(request.Current, me, owner, hasher))
            errors.Add("current", "This is not your current passphrase.");
        else if (owner is null && request.New is { } fresh && hasher.Check(fresh, me.PassphraseHash, me.DuressHash).Duress)
            errors.Add("new", "This is your duress passphrase; choose another.");
        if (errors.Any) return errors.Problem();
        // Same salt, so her duress passphrase keeps working beside the new one. Under duress the
        // "change" moves her duress passphrase instead, so whoever forced it can use it and learns nothing.
        if (owner is null) me.PassphraseHash = hasher.HashLike(request.New!, me.PassphraseHash);
        else owner.DuressHash = hasher.HashLike(request.New!, owner.PassphraseHash);
        await db.SaveChangesAsync(ct);
        await sessions.EndOthersAsync(me.Id, user.SessionId(), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem>> SetDuress(DuressRequest request, ClaimsPrincipal user,
        KalkanDb db, PassphraseHasher hasher, MemberAccounts accounts, CancellationToken ct)
    {
        var me = await db.Members.SingleAsync(m => m.Id == user.MemberId(), ct);
        var errors = await CheckPassphraseAsync(request.Passphrase, me, db, hasher, ct);
        if (PassphrasePolicy.Problem(request.Duress) is { } problem) errors.Add("duress", problem);
        else if (request.Duress == request.Passphrase) errors.Add("duress", "It must differ from your passphrase.");
        if (errors.Any) return errors.Problem();
        if (me.IsDecoy) return TypedResults.NoContent(); // under duress: seems done, changes nothing
        me.DuressHash = hasher.HashLike(request.Duress!, me.PassphraseHash);
        if (me.DecoyId is null)
        {
            // The decoy: an ordinary, empty member account with her handle, that nobody can sign in to directly.
            var decoy = accounts.New(accounts.HandleOf(me), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)), Roles.Member);
            decoy.IsDecoy = true;
            decoy.CreatedAt = me.CreatedAt;
            decoy.HandleIndex = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            db.Members.Add(decoy);
            me.DecoyId = decoy.Id;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem>> RemoveDuress([Microsoft.AspNetCore.Mvc.FromBody] PassphraseOnly request, ClaimsPrincipal user,
        KalkanDb db, PassphraseHasher hasher, CancellationToken ct)
    {
        var me = await db.Members.SingleAsync(m => m.Id == user.MemberId(), ct);
        var errors = await CheckPassphraseAsync(request.Passphrase, me, db, hasher, ct);
        if (errors.Any) return errors.Problem();
        if (me.IsDecoy) return TypedResults.NoContent();
        me.DuressHash = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Everything of hers goes (<see cref="AccountDeletion"/>); under duress only the decoy's sessions end, and it seems done.</summary>
    public static async Task<Results<NoContent, ValidationProblem>> Delete([Microsoft.AspNetCore.Mvc.FromBody] PassphraseOnly request, ClaimsPrincipal user,
        KalkanDb db, PassphraseHasher hasher, AccountDeletion deletion, CancellationToken ct)
    {
        var me = await db.Members.SingleAsync(m => m.Id == user.MemberId(), ct);
        var errors = await CheckPassphraseAsync(request.Passphrase, me, db, hasher, ct);
        if (errors.Any) return errors.Problem();
        await deletion.DeleteAsync(me, ct);
        return TypedResults.NoContent();
    }

    static async Task<Validation> CheckPassphraseAsync(string? passphrase, Member me, KalkanDb db, PassphraseHasher hasher, CancellationToken ct)
    {
        var owner = me.IsDecoy ? await db.Members.SingleAsync(m => m.DecoyId == me.Id, ct) : null;
        var errors = new Validation();
        if (!Knows(passphrase, me, owner, hasher)) errors.Add("passphrase", "This is not your current passphrase.");
        return errors;
    }

    /// <summary>Her passphrase for her own account; for a decoy, the duress passphrase that opened it.</summary>
    static bool Knows(string? passphrase, Member me, Member? owner, PassphraseHasher hasher)
    {
        if (string.IsNullOrEmpty(passphrase) || passphrase.Length > PassphrasePolicy.Max) return false;
        return owner is null ? hasher.Verify(passphrase, me.PassphraseHash) : hasher.Check(passphrase, owner.PassphraseHash, owner.DuressHash).Duress;
    }
}
