namespace Kalkan.Warnings;

/// <summary>One warning a check matched: what and how recent, never who reported it or what it says.</summary>
public sealed record CheckMatch(string Kind, string Severity, string Month);

/// <summary>
/// "Is this number known?" A plate or phone is normalised and looked up by its blind index among
/// the current warnings; the value itself is neither stored nor logged. Each member may ask
/// Warnings:ChecksPerDay times a UTC day, counted in the store (so a restart or a second instance
/// does not reset it), under a keyed reference to her: the list cannot be scraped through it.
/// </summary>
public sealed class WarningChecker(KalkanDb db, BlindIndex blind, SealState seal, IOptions<WarningOptions> options, TimeProvider clock)
{
    public const string TooManyChecks = "You have made today's checks; try again tomorrow.";

    /// <returns>200 with the matches (none is an answer too); 400 naming the field; 429 past her checks of the day.</returns>
    public async Task<Outcome<List<CheckMatch>>> CheckAsync(Guid memberId, CheckRequest request, CancellationToken ct)
    {
        var (column, normal, errors) = WarningInput.Check(request, options.Value.PhoneDigits);
        if (normal is null) return Outcome<List<CheckMatch>>.Invalid(errors);
        // A refused request spends nothing; every answered one counts, match or not.
        if (!await TakeAsync(memberId, ct)) return Outcome<List<CheckMatch>>.Refused(StatusCodes.Status429TooManyRequests, TooManyChecks);
        var index = blind.Compute(Warning.Table, column, normal);
        var now = clock.GetUtcNow();
        var current = db.Set<Warning>().AsNoTracking().Where(w => w.ExpiresAt > now);
        var matched = column == Warning.PlateColumn ? current.Where(w => w.PlateIndex == index) : current.Where(w => w.PhoneIndex == index);
        var matches = await matched.OrderByDescending(w => w.Month).Select(w => new CheckMatch(w.Kind, w.Severity, w.Month)).ToListAsync(ct);
        return Outcome<List<CheckMatch>>.Done(matches);
    }

    /// <summary>Checks she has left today (for the page).</summary>
    public async Task<int> LeftTodayAsync(Guid memberId, CancellationToken ct)
    {
        var (key, day) = (RefOf(memberId), Today());
        var used = await db.Set<WarningCheckCount>().Where(c => c.MemberRef == key && c.Day == day).Select(c => c.Count).FirstOrDefaultAsync(ct);
        return Math.Max(0, options.Value.ChecksPerDay - used);
    }

    /// <summary>A permit from today's count: a conditional increment, so simultaneous checks cannot pass the limit together.</summary>
    async Task<bool> TakeAsync(Guid memberId, CancellationToken ct)
    {
        var (key, day, limit) = (RefOf(memberId), Today(), options.Value.ChecksPerDay);
        var counts = db.Set<WarningCheckCount>().Where(c => c.MemberRef == key);
        await counts.Where(c => c.Day != day).ExecuteDeleteAsync(ct);
        if (!await counts.AnyAsync(c => c.Day == day, ct))
        {
            db.Add(new WarningCheckCount { MemberRef = key, Day = day, Count = 0 });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // her first check of the day, twice at once: the other made the row
            }
        }
        // The row exists now; the store decides under its row lock which check is the one past the limit.
        return await counts.Where(c => c.Day == day && c.Count < limit).ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + 1), ct) == 1;
    }

    byte[] RefOf(Guid memberId) => RefOf(seal, memberId);

    public static byte[] RefOf(SealState seal, Guid memberId) => HMACSHA256.HashData(seal.KeyFor("warnings/checker"), memberId.ToByteArray());

    string Today() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
