using Kalkan.Delivery;
using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Circles;

/// <summary>Who is asking: her id and her effective role, as the session decided them.</summary>
public readonly record struct Caller(Guid Id, string Role)
{
    public static Caller Of(ClaimsPrincipal user) => new(user.MemberId(), user.Role());

    /// <summary>Defenders and admins attend every call; a member only her circles'.</summary>
    public bool AttendsEveryone => Roles.AttendsEveryone(Role);
}

/// <summary>
/// Who is in whose circle, and so who hears and may see whose calls: the queries of circle
/// membership and the authorization built on them. Sealing is <see cref="CircleSeal"/>'s. A handle or a
/// circle link that does not open (changed on disk) is left out and counted (<see cref="SealedRows"/>):
/// a call is then listed or announced without her name, rather than not at all.
/// </summary>
public sealed class CircleDirectory(KalkanDb db, CircleSeal seal, MemberAccounts accounts, ILogger<CircleDirectory> log)
{
    static readonly Audience Defenders = Audience.Roles(Roles.Defender, Roles.Admin);

    /// <summary>The seal its links are read with, for the timers that open the calls they announce.</summary>
    public CircleSeal Seal => seal;

    public Task<List<CircleLink>> LinksOwnedByAsync(Guid owner, CancellationToken ct)
    {
        var index = seal.LinkOwnerIndex(owner);
        return db.Set<CircleLink>().AsNoTracking().Where(l => l.OwnerIndex == index).OrderBy(l => l.CreatedAt).ToListAsync(ct);
    }

    public Task<List<CircleLink>> LinksToAsync(Guid member, CancellationToken ct)
    {
        var index = seal.LinkMemberIndex(member);
        return db.Set<CircleLink>().AsNoTracking().Where(l => l.MemberIndex == index).OrderBy(l => l.CreatedAt).ToListAsync(ct);
    }

    /// <summary>
    /// Who is on each side of each link, for the links that open. One changed on disk is left out and counted: her SOS
    /// still reaches the rest of her circle and the defenders, and a member whose link it was attends nothing through it.
    /// </summary>
    public Dictionary<Guid, (Guid Owner, Guid Member)> PairsOf(IEnumerable<CircleLink> links) =>
        SealedRows.OpenById(links, l => l.Id, seal.PairOf, log, "circle links");

    /// <summary>The handle a pending invitation was sent to; "" when it does not open (changed on disk), so that she can still withdraw it.</summary>
    public string InvitedHandleOf(CircleLink link) => SealedRows.OpenOne(link, seal.InvitedHandleOf, "", log, "invited handles");

    /// <summary>The members who accepted a place in her circle.</summary>
    public async Task<List<Guid>> CircleOfAsync(Guid owner, CancellationToken ct) =>
        [.. PairsOf((await LinksOwnedByAsync(owner, ct)).Where(l => l.AcceptedAt is not null)).Values.Select(p => p.Member)];

    /// <summary>The members whose circle she accepted a place in: whose calls she attends.</summary>
    public async Task<List<Guid>> OwnersAttendedByAsync(Guid member, CancellationToken ct) =>
        [.. PairsOf((await LinksToAsync(member, ct)).Where(l => l.AcceptedAt is not null)).Values.Select(p => p.Owner)];

    /// <summary>Her circle and the network's defenders: who hears her SOS and her missed check-ins.</summary>
    public async Task<Audience> AudienceOfAsync(Guid owner, CancellationToken ct) => Audience.Members(await CircleOfAsync(owner, ct)).Or(Defenders);

    /// <summary>Whether this caller may see and answer her calls: herself, her circle, an (effective) defender.</summary>
    public async Task<bool> MayAttendAsync(Guid owner, Caller caller, CancellationToken ct) =>
        owner == caller.Id || caller.AttendsEveryone || (await CircleOfAsync(owner, ct)).Contains(caller.Id);

    public async Task<string> HandleOfAsync(Guid member, CancellationToken ct) =>
        (await HandlesOfAsync([member], ct)).GetValueOrDefault(member, "");

    /// <summary>Many handles in one query; a member who is gone has none.</summary>
    public async Task<Dictionary<Guid, string>> HandlesOfAsync(IReadOnlyCollection<Guid> members, CancellationToken ct)
    {
        if (members.Count == 0) return [];
        var ids = members.Distinct().ToList();
        return SealedRows.OpenById(await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct), m => m.Id, accounts.HandleOf, log, "handles");
    }

    /// <summary>Every accepted circle and every handle, read once: for announcing many alarms together.</summary>
    public async Task<AlarmBook> AlarmBookAsync(CancellationToken ct)
    {
        var circlesByOwner = new Dictionary<Guid, List<Guid>>();
        var links = await db.Set<CircleLink>().AsNoTracking().Where(l => l.AcceptedAt != null).ToListAsync(ct);
        foreach (var (owner, member) in PairsOf(links).Values)
        {
            if (!circlesByOwner.TryGetValue(owner, out var list)) circlesByOwner[owner] = list = [];
            list.Add(member);
        }
        var members = await db.Members.AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        return new AlarmBook(circlesByOwner, id => members.TryGetValue(id, out var m) ? accounts.HandleOrBlank(m, log) : "");
    }

    public sealed class AlarmBook(Dictionary<Guid, List<Guid>> circles, Func<Guid, string> handleOf)
    {
        readonly Dictionary<Guid, string> handles = [];

        public IReadOnlyList<Guid> CircleOf(Guid owner) => circles.TryGetValue(owner, out var members) ? members : [];

        public Audience AudienceOf(Guid owner) => circles.TryGetValue(owner, out var members) ? Audience.Members(members).Or(Defenders) : Defenders;

        public string HandleOf(Guid member) => handles.TryGetValue(member, out var handle) ? handle : handles[member] = handleOf(member);
    }
}
