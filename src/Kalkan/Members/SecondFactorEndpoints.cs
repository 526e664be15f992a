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
    public sealed record EnrolRequest(string? Passphrase);
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

    public static async Task<Results<Ok<EnrolResponse>, ValidationProblem>> Enrol(EnrolRequest request, ClaimsPrincipal user,
        KalkanDb db, PassphraseHasher hasher, FieldCipher cipher, MemberAccounts accounts, CancellationToken ct)
    {
        var me = await db.Members.SingleAsync(m => m.Id == user.MemberId(), ct);
        if (!Knows(request.Passphrase, me, hasher)) return new Validation().Add("passphrase", "This is not your current passphrase.").Problem();
        var secret = Totp.NewSecret();
        me.TotpSecretSealed = cipher.Encrypt(secret, new FieldRef(Member.Table, MemberAccounts.TotpColumn, me.Id));
        me.TotpEnabled = false;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EnrolResponse(Totp.Base32(secret), Totp.Uri(secret, accounts.HandleOf(me))));
    }

    public static async Task<Results<NoContent, ValidationProblem>> Confirm(ConfirmRequest request, ClaimsPrincipal user,
        KalkanDb db, FieldCipher cipher, TimeProvider clock, CancellationToken ct)
    {
        var me = await db.Members.SingleAsync(m => m.Id == user.MemberId(), ct);
        if (me.TotpSecretSealed is null) return new Validation().Add("code", "Start setting up the second factor first.").Problem();
        var secret = cipher.Decrypt(me.TotpSecretSealed, new FieldRef(Member.Table, MemberAccounts.TotpColumn, me.Id));
        if (Totp.Match(secret, request.Code?.Trim(), clock.GetUtcNow(), me.TotpLastStep) is not { } step)
            return new Validation().Add("code", "This code is not right; check the time on your phone.").Problem();
        me.TotpEnabled = true;
        me.TotpLastStep = step;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Remove([Microsoft.AspNetCore.Mvc.FromBody] EnrolRequest request, ClaimsPrincipal user,
        KalkanDb db, PassphraseHasher hasher, CancellationToken ct)
    {
        var me = await db.Members.SingleAsync(m => m.Id == user.MemberId(), ct);
        if (!Knows(request.Passphrase, me, hasher)) return new Validation().Add("passphrase", "This is not your current passphrase.").Problem();
        if (me.Role is Roles.Defender or Roles.Admin && await db.Set<Network>().AnyAsync(n => n.RequireSecondFactor, ct))
            return TypedResults.Problem(title: "This network requires a second factor for your role.", statusCode: StatusCodes.Status403Forbidden);
        me.TotpEnabled = false;
        me.TotpSecretSealed = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem>> Require(Requirement request, KalkanDb db, Audit.AuditChain audit, CancellationToken ct)
    {
        if (request.Required is not { } required) return new Validation().Add("required", "true or false.").Problem();
        await db.Set<Network>().ExecuteUpdateAsync(u => u.SetProperty(n => n.RequireSecondFactor, required), ct);
        await audit.RecordAsync(Audit.AuditActions.SecondFactorRequirement, null, ct);
        return TypedResults.NoContent();
    }

    static bool Knows(string? passphrase, Member me, PassphraseHasher hasher) =>
        !string.IsNullOrEmpty(passphrase) && passphrase.Length <= PassphrasePolicy.Max && hasher.Verify(passphrase, me.PassphraseHash);
}
