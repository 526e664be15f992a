using System.Globalization;
using Npgsql;

namespace Kalkan.Tests.Security;

/// <summary>
/// What police take with a stopped server: every file of its data folder and, on PostgreSQL, the
/// cluster's files of its database and the write-ahead log (KALKAN_TEST_POSTGRES_DATA, which
/// .ci/run sets; that part is skipped only when it is unset). Canaries are searched in every form
/// a store could write them: UTF-8 and UTF-16 text, and doubles as IEEE bytes of either order.
/// </summary>
public static class SeizedDisk
{
    public const string PostgresDataVariable = "KALKAN_TEST_POSTGRES_DATA";

    public static byte[][] FormsOf(string text) => [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text)];

    public static byte[][] FormsOf(double value)
    {
        var little = BitConverter.GetBytes(value);
        if (!BitConverter.IsLittleEndian) Array.Reverse(little);
        var big = little.Reverse().ToArray();
        return [little, big, .. FormsOf(value.ToString("R", CultureInfo.InvariantCulture))];
    }

    /// <summary>The seized files; on PostgreSQL its pages are first written out, so nothing waits in memory only.</summary>
    public static async Task<List<string>> FilesAsync(ITestStore store)
    {
        var files = StoredFiles.Under(store.DataDir);
        if (store.Db is null || Environment.GetEnvironmentVariable(PostgresDataVariable) is not { Length: > 0 } cluster) return files;
        await using var admin = new NpgsqlConnection(StoresAttribute.PostgresAdmin);
        await admin.OpenAsync();
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", admin)) await checkpoint.ExecuteNonQueryAsync();
        await using var oid = new NpgsqlCommand("SELECT oid FROM pg_database WHERE datname = @name", admin);
        oid.Parameters.AddWithValue("name", new NpgsqlConnectionStringBuilder(store.Db).Database!);
        var database = Convert.ToString(await oid.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
        // Its own database, the shared catalogues and the log of every change; not the other tests' databases.
        foreach (var folder in new[] { Path.Combine("base", database), "global", "pg_wal" })
            files.AddRange(Directory.EnumerateFiles(Path.Combine(cluster, folder), "*", SearchOption.AllDirectories));
        Assert.Contains(files, f => f.Contains(Path.Combine("base", database)));
        return files;
    }

    /// <summary>
    /// A value the store keeps in clear by design (an alert kind, say) is found: the files searched
    /// are really the store's, written out, so finding no canary in them means something.
    /// </summary>
    public static async Task AssertHoldsAsync(IEnumerable<string> files, string clear)
    {
        var needle = Encoding.UTF8.GetBytes(clear);
        foreach (var file in files)
        {
            try { if ((await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(needle) >= 0) return; }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { }
        }
        Assert.Fail($"'{clear}' is in no seized file: the store's own files were not searched");
    }

    /// <summary>Fails naming the first canary found in any form in any file.</summary>
    public static async Task AssertHoldsNoneAsync(IEnumerable<string> files, IReadOnlyDictionary<string, byte[][]> canaries)
    {
        foreach (var file in files)
        {
            byte[] bytes;
            try { bytes = await File.ReadAllBytesAsync(file); }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { continue; } // a WAL segment recycled meanwhile
            foreach (var (what, forms) in canaries)
                foreach (var form in forms)
                    Assert.False(bytes.AsSpan().IndexOf(form) >= 0, $"{what} in {file}");
        }
    }
}
