using System.Globalization;
using Kalkan.Delivery;
using Kalkan.Members;
using Kalkan.Seal;
using Kalkan.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kalkan.Circles;

/// <summary>
/// Circle membership and the sealed values of calls: the one place that turns member ids into
/// blind indexes and sealed bytes and back, and that knows who a call's audience is.
/// </summary>
public sealed class CircleDirectory(KalkanDb db, FieldCipher cipher, BlindIndex blind, MemberAccounts accounts)
{
    /// <summary>
    /// A member's blind index in one table's column. Each column has its own key, so a seized store
    /// cannot join her circle links, her SOS calls and her check-ins on one value.
    /// </summary>
    public byte[] IndexOf(string table, string column, Guid member) => blind.Compute(table, column, member.ToString("N"));

    public byte[] LinkOwnerIndex(Guid owner) => IndexOf(CircleLink.Table, "owner", owner);

    public byte[] LinkMemberIndex(Guid member) => IndexOf(CircleLink.Table, "member", member);

    public byte[] SosOwnerIndex(Guid owner) => IndexOf(SosCall.Table, "owner", owner);

    public byte[] CheckinOwnerIndex(Guid owner) => IndexOf(Checkin.Table, "owner", owner);

    public byte[] Seal(string table, string column, Guid row, string value) => cipher.Encrypt(value, new FieldRef(table, column, row));

    public string? Open(string table, string column, Guid row, byte[]? value) =>
        value is null ? null : cipher.DecryptString(value, new FieldRef(table, column, row));

    public Guid OpenId(string table, string column, Guid row, byte[] value) => Guid.Parse(Open(table, column, row, value)!);

    public (Guid Owner, Guid Member) PairOf(CircleLink link)
    {
        var pair = Open(CircleLink.Table, "pair", link.Id, link.PairSealed)!.Split(':');
        return (Guid.Parse(pair[0]), Guid.Parse(pair[1]));
    }

    public CircleLink NewLink(Guid owner, Guid member, string handle, DateTimeOffset now)
    {
        var link = new CircleLink { OwnerIndex = LinkOwnerIndex(owner), MemberIndex = LinkMemberIndex(member), PairSealed = [], HandleSealed = [], CreatedAt = now };
        link.PairSealed = Seal(CircleLink.Table, "pair", link.Id, $"{owner:N}:{member:N}");
        link.HandleSealed = Seal(CircleLink.Table, "handle", link.Id, handle);
        return link;
    }

    /// <summary>The handle she typed when she invited (shown while it is pending).</summary>
    public string InvitedHandleOf(CircleLink link) => Open(CircleLink.Table, "handle", link.Id, link.HandleSealed)!;

    public Task<List<CircleLink>> LinksOwnedByAsync(Guid owner, CancellationToken ct)
    {
        var index = LinkOwnerIndex(owner);
        return db.Set<CircleLink>().Where(l => l.OwnerIndex == index).OrderBy(l => l.CreatedAt).ToListAsync(ct);
    }

    public Task<List<CircleLink>> LinksToAsync(Guid member, CancellationToken ct)
    {
        var index = LinkMemberIndex(member);
        return db.Set<CircleLink>().Where(l => l.MemberIndex == index).OrderBy(l => l.CreatedAt).ToListAsync(ct);
    }

    /// <summary>The members who accepted a place in her circle.</summary>
    public async Task<List<Guid>> CircleOfAsync(Guid owner, CancellationToken ct) =>
        (await LinksOwnedByAsync(owner, ct)).Where(l => l.AcceptedAt is not null).Select(l => PairOf(l).Member).ToList();

    /// <summary>Her circle and the network's defenders: who hears her SOS and her missed check-ins.</summary>
    public async Task<Audience> AudienceOfAsync(Guid owner, CancellationToken ct) =>
        Audience.Members(await CircleOfAsync(owner, ct)).Or(Audience.Roles(Roles.Defender, Roles.Admin));

    /// <summary>Whether this caller may see and answer her calls: herself, her circle, an (effective) defender.</summary>
    public async Task<bool> MayAttendAsync(Guid owner, Guid caller, string callerRole, CancellationToken ct) =>
        owner == caller || Roles.AttendsEveryone(callerRole) || (await CircleOfAsync(owner, ct)).Contains(caller);

    public async Task<string> HandleOfAsync(Guid member, CancellationToken ct)
    {
        var row = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == member, ct);
        return row is null ? "" : accounts.HandleOf(row);
    }

    /// <summary>Every accepted circle and every handle, read once: for announcing many alarms together.</summary>
    public async Task<AlarmBook> AlarmBookAsync(CancellationToken ct)
    {
        var circlesByOwner = new Dictionary<Guid, List<Guid>>();
        foreach (var link in await db.Set<CircleLink>().AsNoTracking().Where(l => l.AcceptedAt != null).ToListAsync(ct))
        {
            var (owner, member) = PairOf(link);
            if (!circlesByOwner.TryGetValue(owner, out var list)) circlesByOwner[owner] = list = [];
            list.Add(member);
        }
        var members = await db.Members.AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        return new AlarmBook(circlesByOwner, id => members.TryGetValue(id, out var m) ? accounts.HandleOf(m) : "");
    }

    public sealed class AlarmBook(Dictionary<Guid, List<Guid>> circles, Func<Guid, string> handleOf)
    {
        readonly Dictionary<Guid, string> handles = [];
        static readonly Audience Defenders = Audience.Roles(Roles.Defender, Roles.Admin);

        public IReadOnlyList<Guid> CircleOf(Guid owner) => circles.TryGetValue(owner, out var members) ? members : [];

        public Audience AudienceOf(Guid owner) => circles.TryGetValue(owner, out var members) ? Audience.Members(members).Or(Defenders) : Defenders;

        public string HandleOf(Guid member) => handles.TryGetValue(member, out var handle) ? handle : handles[member] = handleOf(member);
    }

    public static string Position(double lat, double lon) => string.Create(CultureInfo.InvariantCulture, $"{lat:R},{lon:R}");

    public static (double Lat, double Lon)? ParsePosition(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
