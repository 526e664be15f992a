using Kalkan.Tests.Phone;
using Npgsql;

namespace Kalkan.Tests.Scale;

/// <summary>
/// Two Kalkans on one PostgreSQL share their form keys (decision 1610): behind a proxy that sends
/// each request anywhere, a page form rendered by one instance posts to the other.
/// </summary>
public class FormKeysAcrossInstancesTests
{
    [PostgresFact]
    public async Task A_sign_in_form_from_one_instance_signs_her_in_on_the_other()
    {
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        await using var first = new KalkanFactory(store);
        await first.SetUpAsync();
        await first.MemberAsync(handle: "Aizada");
        await first.MemberAsync(handle: "Cholpon");
        // The second starts sealed, answers its unseal page with its own keys and is unsealed through that form.
        await using var second = new KalkanFactory(new Instances.Folder(NewFolder(store), store.Db));
        var (operatorBrowser, _) = CookieJar.Browser(second);
        var unsealed = await operatorBrowser.SubmitAsync("/unseal", new() { ["passphrase"] = Scenario.UnsealPassphrase });
        Assert.Equal("/signin", unsealed.Headers.Location?.OriginalString);

        foreach (var (renders, posts, handle) in new[] { (first, second, "Aizada"), (second, first, "Cholpon") })
        {
            var cookies = new CookieContainer();
            var (onRendering, _) = CookieJar.Browser(renders, cookies);
            var (onPosting, _) = CookieJar.Browser(posts, cookies);

            var token = Forms.AntiForgeryToken(await onRendering.GetStringAsync("/signin"));
            var signedIn = await onPosting.PostAsync("/signin", SignIn(token, handle));

            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
            Assert.Contains(handle, await onRendering.GetStringAsync("/account"));
        }
        Assert.Equal(1, await FormKeyRowsAsync(store));
    }

    [PostgresFact]
    public async Task A_form_rendered_before_a_seal_posts_after_the_next_unseal_and_no_second_key_is_made()
    {
        await using var kalkan = await KalkanFactory.StartAsync(Store.Postgres);
        await kalkan.MemberAsync(handle: "Aizada");
        var (member, _) = CookieJar.Browser(kalkan);
        var token = Forms.AntiForgeryToken(await member.GetStringAsync("/signin"));

        var admin = await kalkan.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/sys/seal", null)).StatusCode);
        var (operatorBrowser, _) = CookieJar.Browser(kalkan);
        // Sealed, the keys in the store cannot be read; the unseal page still answers with a form of its own.
        var unsealed = await operatorBrowser.SubmitAsync("/unseal", new() { ["passphrase"] = Scenario.UnsealPassphrase });
        Assert.Equal("/signin", unsealed.Headers.Location?.OriginalString);

        var signedIn = await member.PostAsync("/signin", SignIn(token, "Aizada"));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(1, await FormKeyRowsAsync(kalkan.Store));
    }

    static FormUrlEncodedContent SignIn(string token, string handle) => new(new Dictionary<string, string>
    {
        ["__af"] = token,
        ["handle"] = handle,
        ["passphrase"] = Scenario.MemberPassphrase,
    });

    internal static async Task<long> FormKeyRowsAsync(ITestStore store)
    {
        await using var connection = new NpgsqlConnection(store.Db);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM kalkan_form_keys", connection);
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }

    static string NewFolder(TestStore store)
    {
        var folder = Path.Combine(store.DataDir, "second");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
