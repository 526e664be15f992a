using Npgsql;

namespace Kalkan.Tests.Security;

/// <summary>
/// The form keys shared through PostgreSQL (decision 1610) would let whoever holds them forge any
/// form a member posts: a seized database must hold them sealed only, not as the XML that data
/// protection writes (a &lt;key&gt; with its &lt;masterKey&gt;).
/// </summary>
public class FormKeySeizureTests
{
    static readonly string[] KeyXml = ["<key", "masterKey", "schemas.asp.net/2015/03/dataProtection"];

    [PostgresFact]
    public async Task A_seized_database_holds_the_form_keys_sealed_and_never_their_xml()
    {
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            var signedIn = await kalkan.Browser().SubmitAsync("/signin", new() { ["handle"] = Scenario.AdminHandle, ["passphrase"] = Scenario.AdminPassphrase });
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode); // a key was made, stored and used
        }

        var rows = await SealedRowsAsync(store);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
            foreach (var text in KeyXml)
                Assert.True(row.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) < 0, $"{text} in a stored form key");

        var files = await SeizedDisk.FilesAsync(store);
        await SeizedDisk.AssertHoldsNoneAsync(files, KeyXml.ToDictionary(t => t, SeizedDisk.FormsOf));
        if (Environment.GetEnvironmentVariable(SeizedDisk.PostgresDataVariable) is { Length: > 0 })
            await SeizedDisk.AssertHoldsAsync(files, "kalkan_form_keys"); // the table's own name: the database's files were searched
    }

    static async Task<List<byte[]>> SealedRowsAsync(ITestStore store)
    {
        await using var connection = new NpgsqlConnection(store.Db);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT sealed FROM kalkan_form_keys", connection);
        await using var reader = await read.ExecuteReaderAsync();
        var rows = new List<byte[]>();
        while (await reader.ReadAsync()) rows.Add((byte[])reader[0]);
        return rows;
    }
}
