namespace Kalkan.Tests.Incidents;

public class IncidentExportTests
{
    [Theory, Stores]
    public async Task The_CSV_holds_only_consented_incidents_and_only_their_structured_fields_under_an_HXL_row(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, _) = await kalkan.MemberAsync("defender");
        await defender.RecordIdAsync(IncidentSamples.Incident(occurredOn: "2026-09", district: "=HYPERLINK(\"x\")"));
        var refused = IncidentSamples.Incident(district: "Refused district");
        refused["consent"] = new { aggregate = false, advocacy = true, legal = true };
        await defender.RecordIdAsync(refused);

        var response = await defender.GetAsync("/api/v1/incidents/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("#event+id,#date+occurred", lines[1]);
        Assert.Contains(",2026-09,month,", lines[2]);
        Assert.Contains("arbitrary_arrest extortion", lines[2]);
        Assert.Contains(",police,1,1", lines[2]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", lines[2]); // a formula is not run by a spreadsheet
        var all = string.Join("\n", lines);
        foreach (var secret in new[] { "Refused district", "Aizada", "Organiser B", "KG 4471", "bus station", "demanded money", "5000 som" })
            Assert.DoesNotContain(secret, all);
        var (documenter, _) = await kalkan.MemberAsync("documenter");
        Assert.Equal(HttpStatusCode.Forbidden, (await documenter.GetAsync("/api/v1/incidents/export.csv")).StatusCode);
    }
}
