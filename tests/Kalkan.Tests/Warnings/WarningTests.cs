using Kalkan.Tests.Incidents;

namespace Kalkan.Tests.Warnings;

/// <summary>A defender warns the network about a dangerous person; members see it live and can ask whether a plate or number is known.</summary>
public class WarningTests
{
    [Theory, Stores]
    public async Task A_published_warning_reaches_a_members_stream_within_two_seconds_and_her_check_of_its_plate_or_number_matches(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, member) = await WarningSamples.DefenderAndMemberAsync(kalkan);
        await using var stream = await EventStreamClient.OpenAsync(member);

        var clock = Stopwatch.StartNew();
        var id = await defender.PublishAsync(WarningSamples.Warning());
        var frame = await stream.NextAsync("warning", TimeSpan.FromSeconds(2));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(id, frame.Data.GetProperty("id").GetGuid());
        Assert.Equal("violence", frame.Data.GetProperty("kind").GetString());
        Assert.Equal("Oktyabrsky", frame.Data.GetProperty("district").GetString());
        Assert.False(frame.Data.TryGetProperty("plate", out _));
        Assert.False(frame.Data.TryGetProperty("phone", out _));

        // The plate as another member writes it, the number with the country's prefix or without.
        foreach (var (field, value) in new[] { ("plate", "01kg123abc"), ("plate", "01 KG 123 АВС"), ("phone", "0555 12-34-56"), ("phone", "00996555123456") })
        {
            var match = Assert.Single(await member.MatchesAsync(field, value));
            Assert.Equal("violence", match.GetProperty("kind").GetString());
            Assert.Equal("high", match.GetProperty("severity").GetString());
            Assert.Equal("2026-10", match.GetProperty("month").GetString());
            Assert.Equal(["kind", "month", "severity"], match.EnumerateObject().Select(p => p.Name).Order());
        }
        Assert.Empty(await member.MatchesAsync("plate", "01 KG 124 ABC"));
        Assert.Empty(await member.MatchesAsync("phone", "+996 555 123 457"));

        var list = await member.GetFromJsonAsync<JsonElement>("/api/v1/warnings");
        var listed = Assert.Single(list.EnumerateArray());
        Assert.Equal("Tall, grey jacket; refuses to pay, then hits.", listed.GetProperty("description").GetString());
        Assert.False(listed.TryGetProperty("plate", out _));
        Assert.False(listed.TryGetProperty("phone", out _));
    }

    [Theory, Stores]
    public async Task A_member_cannot_publish_renew_or_withdraw_a_warning(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, member) = await WarningSamples.DefenderAndMemberAsync(kalkan);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/warnings", WarningSamples.Warning())).StatusCode);
        var id = await defender.PublishAsync(WarningSamples.Warning());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/v1/warnings/{id}/renew", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/v1/warnings/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/warnings/all")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kalkan.Api().GetAsync("/api/v1/warnings")).StatusCode);
        Assert.Single((await member.GetFromJsonAsync<JsonElement>("/api/v1/warnings")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task A_warning_from_an_incident_needs_the_victims_consent_to_advocacy(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var defender = (await kalkan.MemberAsync("defender")).Client;
        var refused = await defender.RecordIdAsync(IncidentSamples.Incident(seal: true));
        var agreed = IncidentSamples.Incident(seal: true);
        agreed["consent"] = new { aggregate = true, advocacy = true, legal = false };
        var consented = await defender.RecordIdAsync(agreed);

        var response = await defender.PostAsJsonAsync("/api/v1/warnings", WarningSamples.Warning(incident: refused));
        Assert.True((await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("errors").TryGetProperty("incident", out _));
        var unknown = await defender.PostAsJsonAsync("/api/v1/warnings", WarningSamples.Warning(incident: Guid.NewGuid()));
        Assert.True((await unknown.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("incident", out _));
        Assert.Empty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings")).EnumerateArray());

        await defender.PublishAsync(WarningSamples.Warning(incident: consented));
        Assert.Single((await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings")).EnumerateArray());
    }

    [Theory, Stores]
    public async Task A_members_report_is_published_by_a_defender_as_she_edits_it(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, member) = await WarningSamples.DefenderAndMemberAsync(kalkan);
        await using var defenderStream = await EventStreamClient.OpenAsync(defender);
        await using var memberStream = await EventStreamClient.OpenAsync(member);

        Assert.Equal(HttpStatusCode.Accepted, (await member.PostAsJsonAsync("/api/v1/warnings/reports", WarningSamples.Warning(description: "He followed Aizada home"))).StatusCode);
        await defenderStream.NextAsync("warning-report", TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/warnings/reports")).StatusCode);
        Assert.Empty(await member.MatchesAsync("plate", WarningSamples.Plate)); // unreviewed: nothing to match yet
        var report = Assert.Single((await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/reports")).EnumerateArray());
        Assert.Equal(WarningSamples.Phone, report.GetProperty("phone").GetString());

        // The defender takes the victim's name out before it goes to everyone.
        var edited = WarningSamples.Warning(description: "He follows women home", kind: "stalking");
        var published = await defender.PostAsJsonAsync($"/api/v1/warnings/reports/{report.GetProperty("id").GetGuid()}/publish", edited);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal("He follows women home", (await memberStream.NextAsync("warning", TimeSpan.FromSeconds(2))).Data.GetProperty("description").GetString());
        Assert.Empty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/reports")).EnumerateArray());
        Assert.Equal("stalking", Assert.Single(await member.MatchesAsync("phone", WarningSamples.Phone)).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await defender.PostAsJsonAsync($"/api/v1/warnings/reports/{report.GetProperty("id").GetGuid()}/publish", edited)).StatusCode);
    }

    [Theory, Stores]
    public async Task Every_bad_field_answers_400_naming_it_and_publishes_nothing(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, member) = await WarningSamples.DefenderAndMemberAsync(kalkan);
        var future = DateTimeOffset.UtcNow.AddMonths(2).ToString("yyyy-MM");
        var cases = new (string Field, object? Value)[]
        {
            ("kind", "murder"), ("kind", null), ("severity", "extreme"), ("description", ""), ("description", new string('x', 1001)),
            ("district", " "), ("district", new string('d', 101)), ("month", "2026-13"), ("month", "10/2026"), ("month", future), ("month", null),
            ("plate", "#"), ("plate", new string('A', 33)), ("phone", "555-CALL-NOW"), ("phone", "12345"), ("phone", "+1234567890123456"),
        };
        foreach (var (field, value) in cases)
        {
            var warning = WarningSamples.Warning();
            warning[field] = value;
            var response = await defender.PostAsJsonAsync("/api/v1/warnings", warning);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}={value}: {response.StatusCode}");
            Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), $"{field} not named");
            var report = await member.PostAsJsonAsync("/api/v1/warnings/reports", warning);
            Assert.True((await report.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in a report");
        }
        foreach (var body in new object[] { new { }, new { plate = "01KG123ABC", phone = "0555123456" }, new { plate = "" }, new { phone = "call me" } })
        {
            var response = await member.PostAsJsonAsync("/api/v1/warnings/check", body);
            var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("plate", out _) || errors.TryGetProperty("phone", out _));
        }
        Assert.Empty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/all")).EnumerateArray());
        Assert.Empty((await defender.GetFromJsonAsync<JsonElement>("/api/v1/warnings/reports")).EnumerateArray());
    }
}
