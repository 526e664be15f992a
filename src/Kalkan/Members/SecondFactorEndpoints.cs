using System.Security.Claims;
using Kalkan.Seal;
using Kalkan.Sessions;
using Kalkan.Setup;
using Kalkan.Storage;
using Kalkan.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Members;

/// <summary>A second factor (TOTP) for those who hold others' data; an admin can make it compulsory for defenders and admins.</summary>
public static class SecondFactorEndpoints
{
    /// <param name="Code">A current code of the second factor she has, when she replaces it.</param>
    public sealed record EnrolRequest(string? Passphrase, string? Code = null);
    public sealed record EnrolResponse(string Secret, string Uri);
    public sealed record ConfirmRequest(string? Code);
    public sealed record Requirement(bool? Required);

    public static IEndpointRouteBuilder MapSecondFactor(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/v1/account/second-factor").WithTags("Account").RequireAuthorization(Roles.Member);
        account.MapPost("/", Enrol);
        account.MapPost("/confirm", Confirm);
        account.MapDelete("/", Remove);
        app.MapPut("/api/v1/network/second-factor", Require).WithTags("Account").RequireAuthorization(Roles.Admin);
        return app;
    }

    /// <summary>A new secret to confirm. Replacing one she has needs a current code of it, so a borrowed session cannot move her second factor to another phone.</summary>
    public static async Task<Results<Ok<EnrolResponse>, ValidationProblem>> Enrol(EnrolRequest request, ClaimsPrincipal user,
        KalkanDb db, PassphraseCheck check, FieldCipher cipher, MemberAccounts accounts, CancellationToken ct)
    {
        var holder = await check.HolderAsync(user.MemberId(), tracked: true, ct);
        var me = holder.Me;
        switch (await check.CheckAsync(holder, request.Passphrase, ct, needCode: me.TotpEnabled, code: request.Code))
        {
            case Said.WrongCode: return new Validation().Add("code", "A current code from your authenticator app is needed to replace it.").Problem();
            case not Said.Hers: return new Validation().Add("passphrase", "This is not your current passphrase.").Problem();
        }
        var secret = Totp.NewSecret();
        me.TotpSecretSealed = cipher.Encrypt(secret, new FieldRef(Member.Table, MemberAccounts.TotpColumn, me.Id));
        me.TotpEnabled = false;
        await MirrorAsync(holder, db, accounts, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EnrolResponse(Totp.Base32(secret), Totp.Uri(secret, accounts.HandleOf(me))));
    }

    public static async Task<Results<NoContent, ValidationProblem>> Confirm(ConfirmRequest request, ClaimsPrincipal user,
        KalkanDb db, PassphraseCheck check, MemberAccounts accounts, CancellationToken ct)
    {
        var holder = await check.HolderAsync(user.MemberId(), tracked: true, ct);
        var me = holder.Me;
        if (me.TotpSecretSealed is null) return new Validation().Add("code", "Start setting up the second factor first.").Problem();
        if (!check.CodeMatches(me, request.Code))
            return new Validation().Add("code", "This code is not right; check the time on your phone.").Problem();
        me.TotpEnabled = true;
        await MirrorAsync(holder, db, accounts, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Remove([Microsoft.AspNetCore.Mvc.FromBody] EnrolRequest request, ClaimsPrincipal user,
        KalkanDb db, PassphraseCheck check, MemberAccounts accounts, CancellationToken ct)
    {
        var holder = await check.HolderAsync(user.MemberId(), tracked: true, ct);
        if (await check.CheckAsync(holder, request.Passphrase, ct) != Said.Hers) return new Validation().Add("passphrase", "This is not your current passphrase.").Problem();
        if (Roles.NeedsSecondFactor(holder.Owner.Role) && await db.Set<Network>().AnyAsync(n => n.RequireSecondFactor, ct))
            return TypedResults.Problem(title: "This network requires a second factor for your role.", statusCode: StatusCodes.Status403Forbidden);
        holder.Me.TotpEnabled = false;
        holder.Me.TotpSecretSealed = null;
        await MirrorAsync(holder, db, accounts, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Her changes show in her decoy too, so a duress sign-in shows the second factor she has; changes under duress stay in the decoy.</summary>
    static async Task MirrorAsync(Holder holder, KalkanDb db, MemberAccounts accounts, CancellationToken ct)
    {
        if (holder.UnderDuress || accounts.DuressOf(holder.Me).DecoyId is not { } decoyId) return;
        if (await db.Members.SingleOrDefaultAsync(m => m.Id == decoyId, ct) is { } decoy) accounts.MirrorSecondFactor(holder.Me, decoy);
    }

    public static async Task<Results<NoContent, ValidationProblem>> Require(Requirement request, KalkanDb db, Audit.AuditChain audit, CancellationToken ct)
    {
        if (request.Required is not { } required) return new Validation().Add("required", "true or false.").Problem();
        await db.Set<Network>().ExecuteUpdateAsync(u => u.SetProperty(n => n.RequireSecondFactor, required), ct);
        await audit.RecordAsync(Audit.AuditActions.SecondFactorRequirement, null, ct);
        return TypedResults.NoContent();
    }
}
