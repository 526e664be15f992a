namespace Kalkan.Seal;

/// <summary>
/// Reads the seal row with one plain query: unsealing at start-up (KALKAN_UNSEAL_PASSPHRASE) then
/// needs no EF Core model, whose building cost most of a second before the first answer.
/// </summary>
public sealed class SealRecordReader(IOptions<StoreOptions> options)
{
    const string Query = """
        SELECT "Salt", "MemoryKib", "Iterations", "Parallelism", "WrappedRootKey", "KeyCheck",
               "ShareThreshold", "ShareCount", "ShareChecks" FROM seal WHERE "Id" = 1
        """;

    public async Task<SealRecord?> ReadAsync(CancellationToken ct)
    {
        await using var connection = await StoreProbe.OpenAsync(options.Value, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Query;
        await using var row = await command.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return null;
        return new SealRecord
        {
            Salt = (byte[])row[0],
            MemoryKib = Convert.ToInt32(row[1]),
            Iterations = Convert.ToInt32(row[2]),
            Parallelism = Convert.ToInt32(row[3]),
            WrappedRootKey = (byte[])row[4],
            KeyCheck = (byte[])row[5],
            ShareThreshold = Convert.ToInt32(row[6]),
            ShareCount = Convert.ToInt32(row[7]),
            ShareChecks = (byte[])row[8],
        };
    }
}
