using Kalkan.Tests.Warnings;

namespace Kalkan.Tests.Security;

/// <summary>
/// The seizure test for warnings: a description, a plate and a phone number, published, reported
/// for review and checked (also in a refused, malformed check), are in no seized file: not the
/// store, not the logs (both in the data folder), and on PostgreSQL not the cluster's files.
/// </summary>
public class WarningSeizureTests
{
    const string Description = "canary-warning-description-5c1e", ReportDescription = "canary-report-description-77b0";
    const string Plate = "CANARY 9Q 4711", Phone = "+996 701 938 274", ReportPhone = "+996 702 615 849";

    [Theory, Stores]
    public async Task A_stopped_servers_files_hold_no_warning_description_plate_or_number(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            var defender = (await kalkan.MemberAsync("defender")).Client;
            var member = (await kalkan.MemberAsync()).Client;
            await defender.PublishAsync(WarningSamples.Warning(plate: Plate, phone: Phone, description: Description));
            Assert.Equal(HttpStatusCode.Accepted, (await member.PostAsJsonAsync("/api/v1/warnings/reports",
                WarningSamples.Warning(plate: Plate, phone: ReportPhone, description: ReportDescription))).StatusCode);
            Assert.Single(await member.MatchesAsync("plate", Plate));
            Assert.Single(await member.MatchesAsync("phone", Phone));
            Assert.Equal(HttpStatusCode.BadRequest, (await member.CheckAsync("phone", Plate)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsJsonAsync("/api/v1/warnings/check", new { plate = Plate, phone = Phone })).StatusCode);
            // The pages show them to a defender, and a member checks through the form.
            Assert.Contains(Description, await defender.GetStringAsync("/api/v1/warnings/all"));
        }

        var canaries = new Dictionary<string, byte[][]>();
        foreach (var (what, value) in new[]
        {
            ("description", Description), ("report description", ReportDescription), ("plate as typed", Plate), ("plate normalised", "canary9q4711"),
            ("phone as typed", Phone), ("phone digits", "996701938274"), ("phone as matched", "701938274"),
            ("report phone", ReportPhone), ("report phone digits", "702615849"),
        })
            canaries[what] = SeizedDisk.FormsOf(value);
        var files = await SeizedDisk.FilesAsync(store);
        Assert.Contains(files, f => f.Contains(Path.Combine("logs", "")));
        await SeizedDisk.AssertHoldsNoneAsync(files, canaries);
        await SeizedDisk.AssertHoldsAsync(files, Kalkan.Warnings.WarningActions.Published); // clear by design: the files searched are the store's
    }
}
