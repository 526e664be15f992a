using Kalkan.Identity.Sessions;
using Kalkan.Setup;

namespace Kalkan.Identity.Members;

/// <summary>A second factor (TOTP) for those who hold others' data (<see cref="SecondFactorDesk"/> decides); an admin can make it compulsory for defenders and admins.</summary>
public static class SecondFactorEndpoints
{
    /// <param name="Code">A current code of the second factor she has, when she replaces it.</param>
    public sealed record EnrolRequest(string? Passphrase, string? Code = null);
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

    public static async Task<Results<Ok<EnrolResponse>, ValidationProblem, ProblemHttpResult>> Enrol(EnrolRequest request, ClaimsPrincipal user,
        SecondFactorDesk desk, CancellationToken ct) =>
        (await desk.EnrolAsync(user.MemberId(), request.Passphrase, request.Code, ct)).OkOr();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Confirm(ConfirmRequest request, ClaimsPrincipal user,
        SecondFactorDesk desk, CancellationToken ct) =>
        (await desk.ConfirmAsync(user.MemberId(), request.Code, ct)).NoContentOr();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Remove([Microsoft.AspNetCore.Mvc.FromBody] EnrolRequest request, ClaimsPrincipal user,
        SecondFactorDesk desk, CancellationToken ct) =>
        (await desk.RemoveAsync(user.MemberId(), request.Passphrase, ct)).NoContentOr();

    public static async Task<Results<NoContent, ValidationProblem>> Require(Requirement request, KalkanDb db, Audit.AuditChain audit, CancellationToken ct)
    {
        if (request.Required is not { } required) return new Validation().Add("required", "true or false.").Problem();
        await db.Set<Network>().ExecuteUpdateAsync(u => u.SetProperty(n => n.RequireSecondFactor, required), ct);
        await audit.RecordAsync(Audit.AuditActions.SecondFactorRequirement, null, ct);
        return TypedResults.NoContent();
    }
}
