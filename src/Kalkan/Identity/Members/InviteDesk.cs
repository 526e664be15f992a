namespace Kalkan.Identity.Members;

public sealed record InviteResponse(string Code, DateTimeOffset ExpiresAt, string Link);
public sealed record JoinResponse(Guid Id, string Role);

/// <summary>Inviting (defenders and admins) and joining with a code (anyone holding one): shared by the API and the pages.</summary>
public sealed class InviteDesk(Invitations invitations, Audit.AuditChain audit)
{
    public const string AdminOnlyTitle = "Only an admin can invite an admin.";
    public const string GoneTitle = "This invitation was used or has expired. Ask for a new one.";
    public const string HandleTakenTitle = "This handle is taken; choose another.";

    /// <summary>The time every join answer takes at least: above one Argon2id and a store write on a small server.</summary>
    static readonly TimeSpan JoinFloor = TimeSpan.FromMilliseconds(600);

    /// <returns>201 with the code; 400 for an unknown role; 403 when someone not an admin invites an admin.</returns>
    public async Task<Outcome<InviteResponse>> InviteAsync(Guid inviter, bool inviterIsAdmin, string? role, CancellationToken ct)
    {
        if (!Roles.IsKnown(role)) return Outcome<InviteResponse>.Invalid(new Validation().Add("role", "One of member, defender, documenter, researcher, admin."));
        if (role == Roles.Admin && !inviterIsAdmin) return Outcome<InviteResponse>.Refused(StatusCodes.Status403Forbidden, AdminOnlyTitle);
        var (code, expiresAt) = await invitations.CreateAsync(role!, inviter, ct);
        await audit.RecordAsync(Audit.AuditActions.InvitationCreated, inviter, ct);
        return Outcome<InviteResponse>.Created(new InviteResponse(code, expiresAt, JoinLink(code)));
    }

    /// <returns>201 with her id and role; 400 naming the field; 410 for a used or expired code; 409 for a taken handle.</returns>
    public async Task<Outcome<JoinResponse>> JoinAsync(string? code, string? handle, string? passphrase, CancellationToken ct)
    {
        var errors = new Validation().Required("code", code, 64);
        if (Handles.Problem(handle) is { } handleProblem) errors.Add("handle", handleProblem);
        if (PassphrasePolicy.Problem(passphrase) is { } passphraseProblem) errors.Add("passphrase", passphraseProblem);
        if (errors.Any) return Outcome<JoinResponse>.Invalid(errors);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (outcome, member) = await invitations.JoinAsync(code!, handle!.Trim(), passphrase!, ct);
        if (outcome == JoinOutcome.Joined) await audit.RecordAsync(Audit.AuditActions.MemberJoined, member!.Id, ct);
        // Joining writes a member and an audit entry, a refusal writes nothing: on a slow store that
        // difference would time out which codes are live. Every answer waits out one floor (wall time,
        // what a prober measures), so 201, 409 and 410 leave at the same moment.
        var left = JoinFloor - System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero) await Task.Delay(left, ct);
        return outcome switch
        {
            JoinOutcome.Gone => Outcome<JoinResponse>.Refused(StatusCodes.Status410Gone, GoneTitle),
            JoinOutcome.HandleTaken => Outcome<JoinResponse>.Conflict(HandleTakenTitle) with { Extensions = new Dictionary<string, object?> { ["field"] = "handle" } },
            _ => Outcome<JoinResponse>.Created(new JoinResponse(member!.Id, member.Role)),
        };
    }

    /// <summary>A relative link: the server does not know the name phones reach it by.</summary>
    public static string JoinLink(string code) => "/join?code=" + Uri.EscapeDataString(code);
}
