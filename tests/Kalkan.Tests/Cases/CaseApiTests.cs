using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Cases;

public class CaseApiTests
{
    [Theory, Stores]
    public async Task A_defender_files_a_case_is_assigned_and_sees_who_is_behind_it(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender", handle: "Dinara");
        await kalkan.MemberAsync("member", handle: "aizada-phone");

        var (id, incident) = await CaseSamples.FileAsync(defender, build: i => CaseSamples.Case(i, member: "aizada-phone", notes: "she wants no hearing in person"));
        var seen = await defender.CaseAsync(id);

        Assert.Equal("preparing", seen.GetProperty("status").GetString());
        Assert.True(seen.GetProperty("assigned").GetBoolean());
        Assert.Equal("Aizada", seen.GetProperty("complainants")[0].GetProperty("pseudonym").GetString());
        Assert.Equal("aizada-phone", seen.GetProperty("complainants")[0].GetProperty("member").GetString());
        Assert.Equal("Organiser B", seen.GetProperty("helpers")[0].GetProperty("pseudonym").GetString());
        Assert.Equal(["Dinara"], seen.GetProperty("assignees").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(incident, seen.GetProperty("incidents")[0].GetGuid());
        Assert.Equal("police", seen.GetProperty("perpetrators")[0].GetProperty("kind").GetString());
        Assert.Equal("she wants no hearing in person", seen.GetProperty("notes").GetString());
        Assert.True(seen.GetProperty("watch").GetProperty("on").GetBoolean());
    }

    [Theory, Stores]
    public async Task Each_status_step_is_dated_in_the_history_and_a_withdrawal_under_pressure_keeps_the_watch_on(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, id) = await CaseSamples.HandlingDefenderAsync(kalkan);

        Assert.Equal(HttpStatusCode.OK, (await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "filed", on = "2026-10-20" })).StatusCode);
        var decided = await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "decided", on = "2026-11-02" });
        var afterDecision = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-10-20", afterDecision.GetProperty("filedOn").GetString());
        Assert.Equal(DateTimeOffset.Parse("2027-11-02T00:00:00Z"), afterDecision.GetProperty("watch").GetProperty("until").GetDateTimeOffset());

        var withdrawn = await (await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status",
            new { status = "withdrawn", on = "2026-11-03", underPressure = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["preparing", "filed", "decided", "withdrawn"], withdrawn.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.True(withdrawn.GetProperty("history")[3].GetProperty("underPressure").GetBoolean());
        Assert.Equal("2026-11-03", withdrawn.GetProperty("history")[3].GetProperty("on").GetString());
        Assert.True(withdrawn.GetProperty("watch").GetProperty("on").GetBoolean());
        Assert.Equal(JsonValueKind.Null, withdrawn.GetProperty("watch").GetProperty("until").ValueKind);
    }

    [Theory, Stores]
    public async Task Every_bad_input_is_a_problem_naming_its_field_and_stores_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (member, _) = await kalkan.MemberAsync("member", handle: "just-a-member");
        var incident = await defender.RecordIdAsync(IncidentSamples.Incident());
        Dictionary<string, object?> With(string key, object? value) { var c = CaseSamples.Case(incident); c[key] = value; return c; }

        foreach (var (body, field) in new (object, string)[]
        {
            (With("title", ""), "title"), (With("title", new string('t', 201)), "title"),
            (With("body", "police_station"), "body"), (With("body", null), "body"),
            (With("incidents", new[] { Guid.NewGuid() }), "incidents[0]"),
            (With("complainants", new[] { new { pseudonym = "" } }), "complainants[0].pseudonym"),
            (With("complainants", new[] { new { pseudonym = "Aizada", member = "nobody-by-this-name" } }), "complainants[0].member"),
            (With("helpers", new object?[] { null }), "helpers[0]"),
            (With("assignees", new[] { "just-a-member" }), "assignees[0]"),
            (With("notes", new string('n', 4001)), "notes"),
        })
        {
            var refused = await defender.PostAsJsonAsync("/api/v1/cases", body);
            Assert.True((await refused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Empty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/cases")).EnumerateArray());

        var (id, _) = await CaseSamples.FileAsync(defender);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { status = "lost", on = "2026-10-20" }, "status"), (new { on = "2026-10-20" }, "status"),
            (new { status = "filed", on = "20 October" }, "on"), (new { status = "filed" }, "on"),
            (new { status = "filed", on = "2099-01-01" }, "on"),
            (new { status = "closed", on = "2026-10-20", underPressure = true }, "underPressure"),
            (new { status = "filed", on = "2026-10-20", note = new string('n', 1001) }, "note"),
        })
        {
            var refused = await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", body);
            Assert.True((await refused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Single((await defender.CaseAsync(id)).GetProperty("history").EnumerateArray());
        var notDefender = await defender.PostAsJsonAsync($"/api/v1/cases/{id}/assignees", new { handle = "just-a-member" });
        Assert.True((await notDefender.ProblemAsync()).GetProperty("errors").TryGetProperty("handle", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/cases", CaseSamples.Case(incident))).StatusCode);
    }

    [Theory, Stores]
    public async Task A_complainant_who_is_a_member_sees_where_her_case_stands_and_nobody_in_it(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (aizada, _) = await kalkan.MemberAsync("member", handle: "aizada-phone");
        var (other, _) = await kalkan.MemberAsync("member");
        var (id, _) = await CaseSamples.FileAsync(defender, build: i => CaseSamples.Case(i, member: "aizada-phone"));
        await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "filed", on = "2026-10-20", note = "sent by post" });

        var mine = Assert.Single((await aizada.GetFromJsonAsync<JsonElement>("/api/v1/cases/mine")).EnumerateArray());
        Assert.Equal("filed", mine.GetProperty("status").GetString());
        Assert.Equal("2026-10-20", mine.GetProperty("filedOn").GetString());
        Assert.DoesNotContain("Organiser B", mine.GetRawText());
        Assert.DoesNotContain("sent by post", mine.GetRawText());
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/v1/cases/mine")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await aizada.GetAsync($"/api/v1/cases/{id}")).StatusCode);
    }
}
