namespace Kalkan.Delivery;

/// <summary>Who listens on a stream: her member id, her effective role (the one her session has) and that session.</summary>
public sealed record Listener(Guid MemberId, string Role, Guid SessionId);

/// <summary>
/// The signed-in caller as a listener, read from her sign-in (Sessions implements it). Apart from
/// <see cref="IListenerDirectory"/> because it needs no store: the stream's request holds whatever
/// it resolves for hours, so this one is a singleton that holds nothing.
/// </summary>
public interface IListenerIdentity
{
    Listener Of(ClaimsPrincipal user);
}

/// <summary>
/// What Delivery needs to know of the people it delivers to, answered by the identity side
/// (Sessions implements it): Delivery matches audiences against member ids and role names, and
/// never reads a member, a session or a claim itself.
/// </summary>
public interface IListenerDirectory
{
    /// <summary>Of these sessions, those still alive (not ended, expired or locked).</summary>
    Task<IReadOnlySet<Guid>> LiveSessionsAsync(IReadOnlyCollection<Guid> sessions, CancellationToken ct);

    /// <summary>Of these members, those revoked.</summary>
    Task<IReadOnlySet<Guid>> RevokedAsync(IReadOnlyCollection<Guid> members, CancellationToken ct);

    /// <summary>The effective role of each of these members who is not revoked: the role her session would have.</summary>
    Task<IReadOnlyDictionary<Guid, string>> RolesAsync(IReadOnlyCollection<Guid> members, CancellationToken ct);
}
