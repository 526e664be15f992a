using Kalkan.Identity.Members;

namespace Kalkan.Circles;

public sealed record IdResponse(Guid Id);
/// <param name="Watched">For a circle she is in: its owner stands behind a complaint and is under the retaliation watch.</param>
public sealed record CirclePlace(Guid Id, string Handle, bool Accepted, bool Watched = false);
public sealed record CircleView(List<CirclePlace> Members, List<CirclePlace> MemberOf);

/// <summary>Her circle: up to <see cref="CirclesOptions.MaxCircle"/> members she invites, who accept; either side can leave. Shared by the API and the page.</summary>
public sealed class CircleBook(KalkanDb db, MemberAccounts accounts, CircleSeal seal, CircleDirectory directory, IOptions<CirclesOptions> options, TimeProvider clock,
    IEnumerable<IWatchedMembers> watch)
{
    public const string FullTitle = "Your circle is full.", SelfTitle = "You cannot be in your own circle.", AlreadyTitle = "She is already in your circle, or invited.";

    public async Task<CircleView> ShowAsync(Guid me, CancellationToken ct)
    {
        var owned = await directory.LinksOwnedByAsync(me, ct);
        var memberOf = await directory.LinksToAsync(me, ct);
        // A link changed on disk is still shown, without a name, so that she can take it out of her circle.
        var pairs = directory.PairsOf([.. owned.Where(l => l.AcceptedAt is not null), .. memberOf]);
        var handles = await directory.HandlesOfAsync([.. owned.Concat(memberOf).Where(l => pairs.ContainsKey(l.Id))
            .Select(l => pairs[l.Id] is var (owner, member) && owner == me ? member : owner)], ct);
        string Named(CircleLink link, bool theMember) => pairs.TryGetValue(link.Id, out var pair) ? handles.GetValueOrDefault(theMember ? pair.Member : pair.Owner, "") : "";
        return new CircleView(
            [.. owned.Select(l => new CirclePlace(l.Id, l.AcceptedAt is null ? directory.InvitedHandleOf(l) : Named(l, theMember: true), l.AcceptedAt is not null))],
            await CirclesIAmInAsync(memberOf, pairs, l => Named(l, theMember: false), ct));
    }

    /// <summary>The circles she is in; one she accepted says whether its owner is under watch (one query each: the store is not shared across threads).</summary>
    async Task<List<CirclePlace>> CirclesIAmInAsync(List<CircleLink> memberOf, Dictionary<Guid, (Guid Owner, Guid Member)> pairs, Func<CircleLink, string> ownerHandle,
        CancellationToken ct)
    {
        var places = new List<CirclePlace>();
        foreach (var l in memberOf)
        {
            var watched = l.AcceptedAt is not null && pairs.TryGetValue(l.Id, out var pair) && await IsWatchedAsync(pair.Owner, ct);
            places.Add(new CirclePlace(l.Id, ownerHandle(l), l.AcceptedAt is not null, watched));
        }
        return places;
    }

    /// <summary>Whether this member is under a watch some feature keeps (none registered: nobody is).</summary>
    public async Task<bool> IsWatchedAsync(Guid member, CancellationToken ct)
    {
        foreach (var w in watch) if (await w.IsWatchedAsync(member, ct)) return true;
        return false;
    }

    /// <summary>
    /// Invites a handle. Whether anyone has it is never told: a handle no member has gets a pending
    /// invitation like any other, which nobody can accept, so the answer (and its work) is the same.
    /// A full circle is refused before the handle is looked at.
    /// </summary>
    public async Task<Outcome<IdResponse>> InviteAsync(Guid me, string? handle, CancellationToken ct)
    {
        if (Handles.Problem(handle) is { } problem) return Outcome<IdResponse>.Invalid(new Validation().Add("handle", problem));
        var links = await directory.LinksOwnedByAsync(me, ct);
        if (links.Count >= options.Value.MaxCircle) return Outcome<IdResponse>.Conflict(FullTitle);
        var typed = handle!.Trim();
        var index = accounts.IndexOf(typed);
        var found = await db.Members.AsNoTracking().Where(m => m.HandleIndex == index && m.RevokedAt == null).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct);
        if (found == me) return Outcome<IdResponse>.Conflict(SelfTitle);
        var normal = BlindIndex.Normalize(typed);
        var pairs = directory.PairsOf(links);
        if (links.Any(l => (found is not null && pairs.TryGetValue(l.Id, out var pair) && pair.Member == found) || BlindIndex.Normalize(directory.InvitedHandleOf(l)) == normal))
            return Outcome<IdResponse>.Conflict(AlreadyTitle);
        var link = seal.NewLink(me, found ?? Guid.NewGuid(), typed, clock.GetUtcNow());
        db.Add(link);
        await db.SaveChangesAsync(ct);
        return Outcome<IdResponse>.Created(new IdResponse(link.Id));
    }

    public async Task<Outcome<IdResponse>> AcceptAsync(Guid me, Guid id, CancellationToken ct)
    {
        var mine = seal.LinkMemberIndex(me);
        var accepted = await db.Set<CircleLink>().Where(l => l.Id == id && l.MemberIndex == mine && l.AcceptedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.AcceptedAt, clock.GetUtcNow()), ct);
        return accepted == 0 ? Outcome<IdResponse>.NotFound() : Outcome<IdResponse>.Done(new IdResponse(id));
    }

    /// <summary>The owner takes someone out, or a member leaves (or declines): the same link, from either end.</summary>
    public async Task<Outcome<IdResponse>> LeaveAsync(Guid me, Guid id, CancellationToken ct)
    {
        var (asOwner, asMember) = (seal.LinkOwnerIndex(me), seal.LinkMemberIndex(me));
        var removed = await db.Set<CircleLink>().Where(l => l.Id == id && (l.OwnerIndex == asOwner || l.MemberIndex == asMember)).ExecuteDeleteAsync(ct);
        return removed == 0 ? Outcome<IdResponse>.NotFound() : new Outcome<IdResponse>(StatusCodes.Status204NoContent, new IdResponse(id));
    }
}
