using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Cases;

public class CaseStatisticsTests
{
    [Theory, Stores]
    public async Task Statistics_count_consented_cases_by_body_and_outcome_and_withhold_small_counts(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (researcher, _) = await kalkan.MemberAsync("researcher");
        var (member, _) = await kalkan.MemberAsync("member");
        for (var i = 0; i < 5; i++)
        {
            var (id, _) = await CaseSamples.FileAsync(defender, CaseSamples.LoneIncident($"Victim {i}", $"B{i}", $"P{i}"),
                incident => CaseSamples.Case(incident, complainant: $"Victim {i}"));
            await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "filed", on = "2026-09-01" });
            await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "decided", on = i < 3 ? "2026-09-11" : "2026-10-01" });
        }
        // Two more with the ombudsman (too few to show), and one whose victim did not consent to statistics.
        for (var i = 0; i < 2; i++)
        {
            var incident = await defender.RecordIdAsync(CaseSamples.LoneIncident($"Other {i}", $"O{i}", $"Q{i}"));
            var body = CaseSamples.Case(incident, complainant: $"Other {i}");
            body["body"] = "ombudsman";
            Assert.Equal(HttpStatusCode.Created, (await defender.PostAsJsonAsync("/api/v1/cases", body)).StatusCode);
        }
        var private_ = CaseSamples.LoneIncident("Private", "X1", "X2");
        private_["consent"] = new { aggregate = false, advocacy = false, legal = true };
        await CaseSamples.FileAsync(defender, private_, incident => CaseSamples.Case(incident, complainant: "Private"));

        var stats = await researcher.GetFromJsonAsync<JsonElement>("/api/v1/cases/statistics");

        var rows = stats.GetProperty("byBodyAndStatus").EnumerateArray().ToList();
        var decided = Assert.Single(rows, r => r.GetProperty("body").GetString() == "prosecutor");
        Assert.Equal("decided", decided.GetProperty("status").GetString());
        Assert.Equal(5, decided.GetProperty("cases").GetInt32());
        var ombudsman = Assert.Single(rows, r => r.GetProperty("body").GetString() == "ombudsman");
        Assert.Equal(JsonValueKind.Null, ombudsman.GetProperty("cases").ValueKind);
        var time = Assert.Single(stats.GetProperty("timeToOutcome").EnumerateArray());
        Assert.Equal(10, time.GetProperty("medianDays").GetDouble());
        Assert.Equal(5, stats.GetProperty("retaliation").GetProperty("filed").GetInt32());
        Assert.Equal(0, stats.GetProperty("retaliation").GetProperty("retaliated").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/cases/statistics")).StatusCode);
    }
}
