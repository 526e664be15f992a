namespace Kalkan.Web;

/// <summary>
/// A report, an SOS or a check-in sent twice with the same key (a resend after a lost answer, a
/// double tap, the offline queue flushing) is done once: the second answers the first's result.
/// The row is keyed by a blind index of member, action and key, so the store cannot say whose
/// action it was; rows go after a day.
/// </summary>
public sealed class Idempotency(KalkanDb db, BlindIndex blind, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public const string Field = "idempotencyKey";
    public const string KeyMessage = "From 8 to 100 characters.";
    static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    public abstract record Claim;
    /// <summary>No key, or the first time: do it, then <see cref="CompleteAsync"/>.</summary>
    public sealed record Fresh(byte[]? Row) : Claim;
    public sealed record Done(Guid ResultId) : Claim;
    /// <summary>The first request with this key is still running.</summary>
    public sealed record Busy : Claim;

    public static bool IsValid(string? key) => key is null || key.Length is >= 8 and <= 100;

    public async Task<Claim> ClaimAsync(Guid member, string action, string? key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key)) return new Fresh(null);
        var id = blind.Compute(IdempotentRequest.Table, action, $"{member:N}:{key}");
        var existing = await db.Set<IdempotentRequest>().AsNoTracking().Where(r => r.Id == id).Select(r => new { r.ResultId }).SingleOrDefaultAsync(ct);
        if (existing is not null) return existing.ResultId is { } done ? new Done(done) : new Busy();
        var now = clock.GetUtcNow();
        await db.Set<IdempotentRequest>().Where(r => r.CreatedAt < now - Keep).ExecuteDeleteAsync(ct);
        var row = new IdempotentRequest { Id = id, CreatedAt = now };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two at once with one key: the other claimed it first.
            db.Entry(row).State = EntityState.Detached;
            return new Busy();
        }
        db.Entry(row).State = EntityState.Detached;
        return new Fresh(id);
    }

    public async Task CompleteAsync(Claim claim, Guid? resultId, CancellationToken ct)
    {
        if (claim is not Fresh { Row: { } id }) return;
        // A refused request frees its key, so the corrected resend is not answered with the refusal.
        if (resultId is null) await db.Set<IdempotentRequest>().Where(r => r.Id == id).ExecuteDeleteAsync(ct);
        else await db.Set<IdempotentRequest>().Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.ResultId, resultId), ct);
    }
}

public sealed class IdempotentRequest
{
    public const string Table = "idempotent_requests";
    public required byte[] Id { get; set; }
    public Guid? ResultId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> request)
    {
        request.HasIndex(r => r.CreatedAt);
    }
}
