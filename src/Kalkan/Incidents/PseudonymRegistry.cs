namespace Kalkan.Incidents;

/// <summary>
/// A person the network documents, known only by a pseudonym (real names are never entered). The
/// pseudonym is sealed; its blind index makes "Aizada" in one incident the same person as "aizada"
/// in the next, so she keeps one pseudonym across incidents, cases and complaints.
/// </summary>
public sealed class Pseudonym
{
    public const string Table = "pseudonyms", NameColumn = "name";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] NameIndex { get; set; }
    public required byte[] NameSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class PseudonymConfiguration : IEntityTypeConfiguration<Pseudonym>
{
    public void Configure(EntityTypeBuilder<Pseudonym> pseudonym)
    {
        pseudonym.HasIndex(p => p.NameIndex).IsUnique();
    }
}

/// <summary>The one way in and out of the pseudonym registry; incidents and cases both use it.</summary>
public sealed class PseudonymRegistry(KalkanDb db, FieldCipher cipher, BlindIndex blind, TimeProvider clock)
{
    public const int MaxLength = 80;

    byte[] IndexOf(string name) => blind.Compute(Pseudonym.Table, Pseudonym.NameColumn, name);

    /// <summary>The registry id of this pseudonym, if anyone has used it.</summary>
    public async Task<Guid?> FindAsync(string name, CancellationToken ct)
    {
        var index = IndexOf(name);
        return await db.Set<Pseudonym>().Where(p => p.NameIndex == index).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The registry id of this pseudonym, registering it (unsaved: it goes with the caller's save) when new.</summary>
    public async Task<Guid> ResolveAsync(string name, CancellationToken ct)
    {
        name = name.Trim();
        var index = IndexOf(name);
        var known = db.ChangeTracker.Entries<Pseudonym>().FirstOrDefault(e => e.Entity.NameIndex.AsSpan().SequenceEqual(index))?.Entity.Id
            ?? await db.Set<Pseudonym>().Where(p => p.NameIndex == index).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (known is { } id) return id;
        var pseudonym = new Pseudonym { NameIndex = index, NameSealed = [], CreatedAt = clock.GetUtcNow() };
        pseudonym.NameSealed = cipher.Encrypt(name, new FieldRef(Pseudonym.Table, Pseudonym.NameColumn, pseudonym.Id));
        db.Add(pseudonym);
        return pseudonym.Id;
    }

    public async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var rows = await db.Set<Pseudonym>().AsNoTracking().Where(p => wanted.Contains(p.Id)).ToListAsync(ct);
        return rows.ToDictionary(p => p.Id, p => cipher.DecryptString(p.NameSealed, new FieldRef(Pseudonym.Table, Pseudonym.NameColumn, p.Id)));
    }
}
