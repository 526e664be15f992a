namespace Kalkan.Delivery;

/// <summary>
/// Who an event is for. Delivery matches it against each open stream's signed-in member and role,
/// and against the push subscriptions' owners; it never asks why they are in the audience.
/// </summary>
public abstract record Audience
{
    public static readonly Audience Everyone = new EveryoneAudience();

    public static Audience Members(IEnumerable<Guid> ids) => new MemberAudience([.. ids]);

    /// <summary>Exactly these role names (say "defender" and "admin"): no role implies another here.</summary>
    public static Audience Roles(params string[] roles) => new RoleAudience([.. roles]);

    public abstract bool Includes(Guid memberId, string role);

    sealed record EveryoneAudience : Audience
    {
        public override bool Includes(Guid memberId, string role) => true;
    }

    internal sealed record MemberAudience(HashSet<Guid> Ids) : Audience
    {
        public override bool Includes(Guid memberId, string role) => Ids.Contains(memberId);
    }

    internal sealed record RoleAudience(HashSet<string> Names) : Audience
    {
        public override bool Includes(Guid memberId, string role) => Names.Contains(role);
    }
}
