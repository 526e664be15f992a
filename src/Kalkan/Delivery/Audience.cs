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

    /// <summary>
    /// Whoever is in any of these audiences (the audiences of a batch of events, the pushes waiting together): one
    /// flat list however many merges it went through, each audience instance once (equal ones built apart stay
    /// two: they compare their member and role sets by reference), and a lone audience as itself.
    /// </summary>
    public static Audience AnyOf(IEnumerable<Audience> audiences)
    {
        var flat = audiences.SelectMany(a => a is AnyAudience any ? any.Audiences : [a]).Distinct().ToArray();
        return flat.Length == 1 ? flat[0] : new AnyAudience(flat);
    }

    /// <summary>Whoever is in either audience (a circle and the defenders, say).</summary>
    public Audience Or(Audience other) => new EitherAudience(this, other);

    internal sealed record EveryoneAudience : Audience
    {
        public override bool Includes(Guid memberId, string role) => true;
    }

    internal sealed record MemberAudience(HashSet<Guid> Ids) : Audience
    {
        public override bool Includes(Guid memberId, string role) => Ids.Contains(memberId);
    }

    internal sealed record EitherAudience(Audience First, Audience Second) : Audience
    {
        public override bool Includes(Guid memberId, string role) => First.Includes(memberId, role) || Second.Includes(memberId, role);
    }

    internal sealed record AnyAudience(Audience[] Audiences) : Audience
    {
        public override bool Includes(Guid memberId, string role) => Audiences.Any(a => a.Includes(memberId, role));
    }

    internal sealed record RoleAudience(HashSet<string> Names) : Audience
    {
        public override bool Includes(Guid memberId, string role) => Names.Contains(role);
    }
}
