namespace Kalkan.Tests.Infrastructure;

/// <summary>What someone with write access to the store can do to a row without the root key.</summary>
public static class Tampering
{
    /// <summary>The last byte of one sealed field of the row flipped: the field no longer opens (its seal's check fails).</summary>
    public static async Task ChangeOnDiskAsync<T>(this KalkanFactory kalkan, Guid id, string field) where T : class
    {
        using var scope = kalkan.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
        var row = await db.Set<T>().SingleAsync(r => EF.Property<Guid>(r, "Id") == id);
        byte[] value = [.. (byte[])db.Entry(row).Property(field).CurrentValue!];
        value[^1] ^= 0xFF;
        db.Entry(row).Property(field).CurrentValue = value;
        await db.SaveChangesAsync();
    }
}
