using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Cases;

/// <summary>
/// The retaliation watch: anything that touches a watched person or the case's perpetrator reaches
/// the case's own defenders within two seconds, and nobody else; what touches neither stays quiet.
/// </summary>
public class RetaliationTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);

    [Theory, Stores]
    public async Task A_new_incident_naming_a_watched_complainant_warns_the_cases_defenders_within_two_seconds_and_no_other_defender(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (handling, id) = await CaseSamples.HandlingDefenderAsync(kalkan);
        var (other, _) = await kalkan.MemberAsync("defender");
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        await using var handlingStream = await EventStreamClient.OpenAsync(handling);
        await using var otherStream = await EventStreamClient.OpenAsync(other);

        await documenter.RecordIdAsync(CaseSamples.LoneIncident(victim: "aizada"));

        var warning = await handlingStream.NextAsync("retaliation", Soon);
        Assert.Equal(id, warning.Data.GetProperty("case").GetGuid());
        Assert.Equal("watched_person", warning.Data.GetProperty("reason").GetString());
        Assert.DoesNotContain("aizada", warning.Data.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.True(await otherStream.QuietAsync("retaliation", TimeSpan.FromSeconds(1)));
    }

    [Theory, Stores]
    public async Task An_incident_touching_neither_a_watched_person_nor_the_perpetrator_raises_nothing_and_one_naming_the_perpetrator_by_badge_warns_within_two_seconds(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (handling, id) = await CaseSamples.HandlingDefenderAsync(kalkan);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        await using var stream = await EventStreamClient.OpenAsync(handling);

        await documenter.RecordIdAsync(CaseSamples.LoneIncident());

        Assert.True(await stream.QuietAsync("retaliation", TimeSpan.FromSeconds(2)));
        Assert.Empty((await handling.CaseAsync(id)).GetProperty("warnings").EnumerateArray());

        await documenter.RecordIdAsync(CaseSamples.LoneIncident(badge: "kg-4471"));

        var warning = await stream.NextAsync("retaliation", Soon);
        Assert.Equal(id, warning.Data.GetProperty("case").GetGuid());
        Assert.Equal("perpetrator", warning.Data.GetProperty("reason").GetString());
    }

    [Theory, Stores]
    public async Task An_SOS_and_a_missed_check_in_of_a_watched_member_warn_the_cases_defenders(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Circles:StartupGrace"] = "00:00:00" });
        var (handling, _) = await kalkan.MemberAsync("defender");
        var (aizada, _) = await kalkan.MemberAsync("member", handle: "aizada-phone");
        var (id, _) = await CaseSamples.FileAsync(handling, build: i => CaseSamples.Case(i, member: "aizada-phone"));
        await using var stream = await EventStreamClient.OpenAsync(handling);

        Assert.Equal(HttpStatusCode.Created, (await aizada.PostAsJsonAsync("/api/v1/sos", new { lat = 42.87, lon = 74.59 })).StatusCode);
        var sos = await stream.NextAsync("retaliation", Soon);
        Assert.Equal("sos", sos.Data.GetProperty("reason").GetString());
        Assert.Equal(id, sos.Data.GetProperty("case").GetGuid());

        await aizada.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        var missed = await stream.NextAsync("retaliation", TimeSpan.FromSeconds(8));
        Assert.Equal("checkin_missed", missed.Data.GetProperty("reason").GetString());
    }

    [Theory, Stores]
    public async Task A_warning_outlives_a_restart_until_a_defender_acknowledges_it(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        string token;
        Guid id;
        await using (var before = await KalkanFactory.StartAsync(store))
        {
            var (handling, _) = await before.MemberAsync("defender");
            token = handling.DefaultRequestHeaders.Authorization!.Parameter!;
            (id, _) = await CaseSamples.FileAsync(handling);
            await using var stream = await EventStreamClient.OpenAsync(handling);
            await handling.RecordIdAsync(CaseSamples.LoneIncident(victim: "Aizada"));
            await stream.NextAsync("retaliation", Soon);
        }

        await using var after = new KalkanFactory(store);
        await after.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase });
        var defender = after.Api().WithToken(token);
        Guid warning;
        await using (var reopened = await EventStreamClient.OpenAsync(defender))
        {
            var replayed = await reopened.NextAsync("retaliation", Soon);
            Assert.Equal(id, replayed.Data.GetProperty("case").GetGuid());
            warning = replayed.Data.GetProperty("id").GetGuid();
        }
        Assert.Equal(HttpStatusCode.NoContent, (await defender.PostAsync($"/api/v1/cases/{id}/warnings/{warning}/acknowledge", null)).StatusCode);
        await using var later = await EventStreamClient.OpenAsync(defender);
        Assert.True(await later.QuietAsync("retaliation", TimeSpan.FromSeconds(1)));
    }

    [Theory, Stores]
    public async Task An_incident_stored_just_before_the_server_stopped_still_warns_after_the_restart(Store kind) =>
        await WarnsAfterTheRestartAsync(kind, async (_, handling) => await handling.RecordIdAsync(CaseSamples.LoneIncident(victim: "Aizada")));

    [Theory, Stores]
    public async Task An_sos_changed_on_disk_does_not_keep_the_catch_up_after_a_restart_from_warning(Store kind) =>
        await WarnsAfterTheRestartAsync(kind, async (before, handling) =>
        {
            var (caller, _) = await before.MemberAsync();
            await before.ChangeOnDiskAsync<Kalkan.Circles.SosCall>(await caller.RaiseSosAsync(), "OwnerSealed");
            await handling.RecordIdAsync(CaseSamples.LoneIncident(victim: "Aizada"));
        });

    /// <summary>
    /// A first process files a case and does <paramref name="beforeTheStop"/> (with the handling defender), storing it
    /// (201) but stopping before any warning is handled: it never handles any. After the restart, the case's defender hears it.
    /// </summary>
    static async Task WarnsAfterTheRestartAsync(Store kind, Func<KalkanFactory, HttpClient, Task> beforeTheStop)
    {
        await using var store = await TestStore.CreateAsync(kind);
        string token;
        Guid id;
        await using (var before = new KalkanFactory(store) { AlterServices = WithoutTheWatchsWorker })
        {
            await before.SetUpAsync();
            var (handling, _) = await before.MemberAsync("defender");
            token = handling.DefaultRequestHeaders.Authorization!.Parameter!;
            (id, _) = await CaseSamples.FileAsync(handling);
            await beforeTheStop(before, handling);
        }

        await using var after = new KalkanFactory(store);
        await after.Api().PostAsJsonAsync("/api/v1/sys/unseal", new { passphrase = Scenario.UnsealPassphrase });
        await using var stream = await EventStreamClient.OpenAsync(after.Api().WithToken(token));
        var warning = await stream.NextAsync("retaliation", TimeSpan.FromSeconds(10));
        Assert.Equal(id, warning.Data.GetProperty("case").GetGuid());
        Assert.Equal("watched_person", warning.Data.GetProperty("reason").GetString());
    }

    static void WithoutTheWatchsWorker(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        foreach (var worker in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                     && d.ImplementationType == typeof(Kalkan.Cases.RetaliationWarnings)).ToList())
            services.Remove(worker);
    }
}
