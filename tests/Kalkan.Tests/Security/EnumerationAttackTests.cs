using Kalkan.Tests.Members;

namespace Kalkan.Tests.Security;

/// <summary>
/// An infiltrator wants the list of who is in the network. Inviting handles to her circle, or
/// joining with one code under many handles, must not tell her which handles exist, by answer or by time.
/// </summary>
[Collection(TimingSensitive.Name)]
public class EnumerationAttackTests
{
    [Theory, Stores]
    public async Task Inviting_a_missing_and_an_existing_handle_to_a_circle_answer_the_same(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (spy, _) = await kalkan.MemberAsync();
        await kalkan.MemberAsync(handle: "Aizada");

        var existing = await spy.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Aizada" });
        var missing = await spy.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Nobody-here" });
        Assert.Equal(HttpStatusCode.Created, existing.StatusCode);
        Assert.Equal(existing.StatusCode, missing.StatusCode);
        Assert.Equal(Shape(await existing.Content.ReadAsStringAsync()), Shape(await missing.Content.ReadAsStringAsync()));

        // Her circle page lists both as pending, as typed; inviting either again answers the same.
        var circle = await spy.GetFromJsonAsync<JsonElement>("/api/v1/circle");
        var pending = circle.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["Aizada", "Nobody-here"], pending.Select(p => p.GetProperty("handle").GetString()!).Order());
        Assert.All(pending, p => Assert.False(p.GetProperty("accepted").GetBoolean()));
        var again = await spy.PostAsJsonAsync("/api/v1/circle/members", new { handle = "aizada" });
        var againMissing = await spy.PostAsJsonAsync("/api/v1/circle/members", new { handle = "nobody-here" });
        Assert.Equal((await again.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), (await againMissing.ProblemAsync()).GetProperty("title").GetString());

        // Timing: the same work either way. Each goes first in turn, so whatever the one before leaves running
        // (an invitation to a real member is announced to her, and pushed) weighs on both alike.
        var found = new List<double>();
        var notFound = new List<double>();
        for (var i = 0; i < 11; i++)
        {
            var (asker, _) = await kalkan.MemberAsync();
            await asker.PostAsJsonAsync("/api/v1/circle/members", new { handle = "warm-up" });
            var n = i;
            Task<double> Found() => TimeAsync(() => asker.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Aizada" }));
            Task<double> NotFound() => TimeAsync(() => asker.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Nobody-" + n }));
            if (i % 2 == 0)
            {
                found.Add(await Found());
                notFound.Add(await NotFound());
            }
            else
            {
                notFound.Add(await NotFound());
                found.Add(await Found());
            }
        }
        Assert.InRange(Median(notFound) / Median(found), 0.5, 2.0);
    }

    [Theory, Stores]
    public async Task A_full_circle_is_refused_before_the_handle_is_looked_at(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Circles:MaxCircle"] = "1" });
        var (spy, _) = await kalkan.MemberAsync();
        await kalkan.MemberAsync(handle: "Aizada");
        await spy.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Someone" });

        var existing = await spy.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Aizada" });
        var missing = await spy.PostAsJsonAsync("/api/v1/circle/members", new { handle = "Nobody-here" });

        Assert.Equal((await existing.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), (await missing.ProblemAsync()).GetProperty("title").GetString());
    }

    [Theory, Stores]
    public async Task An_invitation_code_allows_a_few_join_attempts_not_thousands(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var admin = await kalkan.AdminAsync();
        for (var i = 0; i < 5; i++) await kalkan.MemberAsync(handle: $"taken{i}");
        var code = await InvitationTests.InviteAsync(admin, "member");

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Conflict, (await Join(kalkan, code, $"taken{i}")).StatusCode);

        // The sixth try is refused whatever the handle: the code is spent.
        Assert.Equal(HttpStatusCode.Gone, (await Join(kalkan, code, "taken0")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Join(kalkan, code, "a-free-handle")).StatusCode);
    }

    [Theory, Stores]
    public async Task Every_join_answer_takes_the_same_time(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var admin = await kalkan.AdminAsync();
        await kalkan.MemberAsync(handle: "taken");
        await Join(kalkan, "AAAA-AAAA-AAAA-AAAA", "warm-up");

        var gone = new List<double>();
        var taken = new List<double>();
        var joined = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var code = await InvitationTests.InviteAsync(admin, "member");
            gone.Add(await TimeAsync(() => Join(kalkan, $"BBBB-BBBB-BBBB-CCC{i + 2}", "newcomer" + i)));
            taken.Add(await TimeAsync(() => Join(kalkan, code, "taken")));
            joined.Add(await TimeAsync(() => Join(kalkan, code, "newcomer" + i)));
        }

        Assert.InRange(Median(gone) / Median(joined), 0.5, 2.0);
        Assert.InRange(Median(taken) / Median(joined), 0.5, 2.0);
    }

    static Task<HttpResponseMessage> Join(KalkanFactory kalkan, string code, string handle) =>
        kalkan.Api().PostAsJsonAsync("/api/v1/join", new { code, handle, passphrase = InvitationTests.JoinPassphrase });

    static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var clock = Stopwatch.StartNew();
        (await call()).Dispose();
        return clock.Elapsed.TotalMilliseconds;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The JSON's property names, with every value blanked.</summary>
    static string Shape(string json) => string.Join(",", JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name));
}
