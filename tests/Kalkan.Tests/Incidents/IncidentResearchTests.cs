using Kalkan.Stats;

namespace Kalkan.Tests.Incidents;

/// <summary>
/// The network's research over its own records, with figures worked out by hand. District A, for
/// a raid: 10 defender victims raided, 5 defenders not, 5 others raided, 10 others not (OR 4);
/// district B: 5, 5, 5, 5 (OR 1). Mantel-Haenszel: (10·10/30 + 5·5/20) / (5·5/30 + 5·5/20) = 2.2.
/// </summary>
public class IncidentResearchTests
{
    static Dictionary<string, object?> Incident(string? district, string[] violations, object[] victims, string? trigger = "complaint_support", bool consent = true)
    {
        var incident = IncidentSamples.Incident();
        incident["district"] = district;
        incident["violations"] = violations;
        incident["victims"] = victims;
        incident["trigger"] = trigger;
        incident["consent"] = new { aggregate = consent, advocacy = false, legal = false };
        return incident;
    }

    static object[] Victims(string prefix, int from, int to, bool? defender) =>
        [.. Enumerable.Range(from, to - from + 1).Select(i => defender is { } d ? (object)new { pseudonym = $"{prefix}{i}", defender = d } : new { pseudonym = $"{prefix}{i}" })];

    static async Task RecordNetworkAsync(HttpClient documenter)
    {
        await documenter.RecordIdAsync(Incident("A", ["raid", "extortion"], Victims("D", 1, 10, true)));
        await documenter.RecordIdAsync(Incident("A", ["arbitrary_arrest"], Victims("D", 11, 15, true)));
        await documenter.RecordIdAsync(Incident("A", ["raid"], Victims("N", 1, 5, false)));
        await documenter.RecordIdAsync(Incident("A", ["arbitrary_arrest"], Victims("N", 6, 15, false)));
        // D1 again, her status not stated this time: still one defender, counted once.
        await documenter.RecordIdAsync(Incident("A", ["raid"], Victims("D", 1, 1, null)));
        // Left out: a victim whose status no incident gives, and an incident without a district.
        await documenter.RecordIdAsync(Incident("A", ["raid"], Victims("X", 1, 1, null)));
        await documenter.RecordIdAsync(Incident(null, ["raid"], Victims("Y", 1, 1, true)));
        // Not counted at all: no consent to statistics.
        await documenter.RecordIdAsync(Incident("A", ["arbitrary_arrest"], Victims("R", 1, 15, true), consent: false));
        await documenter.RecordIdAsync(Incident("B", ["raid"], Victims("BD", 1, 5, true)));
        await documenter.RecordIdAsync(Incident("B", ["arbitrary_arrest"], Victims("BD", 6, 10, true)));
        await documenter.RecordIdAsync(Incident("B", ["raid"], Victims("BN", 1, 5, false)));
        await documenter.RecordIdAsync(Incident("B", ["arbitrary_arrest"], Victims("BN", 6, 10, false), trigger: null));
    }

    [Theory, Stores]
    public async Task Defender_victims_against_others_per_violation_by_district_gives_the_hand_worked_odds_ratios_with_small_counts_withheld(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        await RecordNetworkAsync((await kalkan.MemberAsync("documenter")).Client);
        var (researcher, _) = await kalkan.MemberAsync("researcher");

        var result = await researcher.GetFromJsonAsync<JsonElement>("/api/v1/research/incidents");
        Assert.Equal(["A", "B"], result.GetProperty("strata").EnumerateArray().Select(s => s.GetString()));
        var raid = Outcome(result, "raid");
        var (a, b) = (raid.GetProperty("strata")[0], raid.GetProperty("strata")[1]);
        Assert.Equal([10, 5, 5, 10], Cells(a));
        Assert.Equal(4.0, a.GetProperty("oddsRatio").GetDouble(), 9);
        Assert.Equal([5, 5, 5, 5], Cells(b));
        Assert.Equal(1.0, b.GetProperty("oddsRatio").GetDouble(), 9);
        var pooled = MantelHaenszel.Compute([new TwoByTwo(10, 5, 5, 10), new TwoByTwo(5, 5, 5, 5)]).OddsRatio!.Value;
        Assert.Equal(2.2, pooled, 9);
        Assert.Equal(pooled, raid.GetProperty("mantelHaenszel").GetProperty("oddsRatio").GetDouble(), 9);

        // Extortion in A: no other victim suffered it (c = 0 < 5): the count and the estimate are withheld.
        var extortion = Outcome(result, "extortion").GetProperty("strata")[0];
        Assert.Equal(JsonValueKind.Null, extortion.GetProperty("oddsRatio").ValueKind);
        Assert.NotEqual(JsonValueKind.Number, extortion.GetProperty("c").ValueKind);

        var csv = await researcher.GetStringAsync("/api/v1/research/incidents?format=csv");
        Assert.Contains("raid", csv);
        foreach (var secret in new[] { "D1", "BN6", "bus station", "He took her phone" }) Assert.DoesNotContain(secret, csv + result.GetRawText());
    }

    [Theory, Stores]
    public async Task Violations_by_triggering_activity_count_consented_incidents_and_withhold_counts_under_5(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        await RecordNetworkAsync((await kalkan.MemberAsync("documenter")).Client);
        var admin = await kalkan.AdminAsync();

        var table = await admin.GetFromJsonAsync<JsonElement>("/api/v1/research/incidents/triggers");
        var violations = table.GetProperty("violations").EnumerateArray().Select(v => v.GetString()).ToList();
        var rows = table.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("trigger").GetString() ?? "none");
        var support = rows["complaint_support"];
        Assert.Equal(10, support.GetProperty("incidents").GetInt32()); // 11 with the unconsented one; the one without a district counts here
        Assert.Equal(7, support.GetProperty("counts")[violations.IndexOf("raid")].GetInt32());
        Assert.Equal(JsonValueKind.Null, support.GetProperty("counts")[violations.IndexOf("extortion")].ValueKind); // 1
        Assert.Equal(JsonValueKind.Null, support.GetProperty("counts")[violations.IndexOf("arbitrary_arrest")].ValueKind); // 3
        Assert.Equal(JsonValueKind.Null, rows["none"].GetProperty("incidents").ValueKind); // 1
        Assert.Equal(JsonValueKind.Null, rows["safe_space"].GetProperty("incidents").ValueKind); // 0
    }

    [Theory, Stores]
    public async Task Only_researchers_and_admins_get_the_incident_research_and_it_shows_on_the_research_page(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        await RecordNetworkAsync(documenter);
        Assert.Equal(HttpStatusCode.Forbidden, (await documenter.GetAsync("/api/v1/research/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await kalkan.MemberAsync("defender")).Client.GetAsync("/api/v1/research/incidents/triggers")).StatusCode);
        var (researcher, _) = await kalkan.MemberAsync("researcher", handle: "Nazira");
        Assert.Equal(HttpStatusCode.BadRequest, (await researcher.GetAsync("/api/v1/research/incidents?format=xml")).StatusCode);

        var browser = await kalkan.SignedInBrowserAsync("Nazira");
        var page = await browser.GetStringAsync("/research?handler=Incidents&lang=ru");
        Assert.Contains("Случаи сети", page);
        Assert.Contains("data-incident-analysis", page);
        Assert.Contains("data-trigger=\"complaint_support\"", page);
        Assert.Contains("&lt;5", page);
        Assert.DoesNotContain("D11", page);
    }

    static JsonElement Outcome(JsonElement result, string code) =>
        result.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == code);

    static long[] Cells(JsonElement table) => [.. new[] { "a", "b", "c", "d" }.Select(c => table.GetProperty(c).GetInt64())];
}
