using Kalkan.Tests.Warnings;

namespace Kalkan.Tests.Security;

/// <summary>Scraping the warning list through the checker, or reading plates and numbers another way.</summary>
public class WarningAttackTests
{
    [Theory, Stores]
    public async Task Forty_checks_sent_at_once_get_at_most_thirty_answers(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var member = (await kalkan.MemberAsync()).Client;
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => member.CheckAsync("phone", $"0700 100 {i:000}")));
        Assert.Equal(30, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
    }

    [Theory, Stores]
    public async Task A_member_gets_no_plate_or_number_from_the_list_the_stream_or_the_defenders_routes(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (defender, member) = await WarningSamples.DefenderAndMemberAsync(kalkan);
        await using var stream = await EventStreamClient.OpenAsync(member);
        var id = await defender.PublishAsync(WarningSamples.Warning());
        var frame = await stream.NextAsync("warning", TimeSpan.FromSeconds(2));
        var seen = frame.Data.GetRawText() + await member.GetStringAsync("/api/v1/warnings");
        foreach (var digits in new[] { "555123456", "555 123 456", "123 ABC", "123abc" })
            Assert.DoesNotContain(digits, seen, StringComparison.OrdinalIgnoreCase);
        foreach (var path in new[] { "/api/v1/warnings/all", "/api/v1/warnings/reports" })
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(path)).StatusCode);
        Assert.Equal(id, frame.Data.GetProperty("id").GetGuid());
    }
}
