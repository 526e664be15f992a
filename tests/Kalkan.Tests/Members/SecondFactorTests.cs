using Kalkan.Identity.Members;

namespace Kalkan.Tests.Members;

public class SecondFactorTests
{
    [Fact]
    public void Codes_match_the_RFC_6238_test_values()
    {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", last six digits.
        var secret = "12345678901234567890"u8.ToArray();
        Assert.Equal("287082", Totp.Code(secret, 59 / 30));
        Assert.Equal("081804", Totp.Code(secret, 1111111109 / 30));
        Assert.Equal("005924", Totp.Code(secret, 1234567890 / 30));
        Assert.Equal("279037", Totp.Code(secret, 2000000000 / 30));
    }

    [Theory, Stores]
    public async Task With_a_second_factor_signing_in_needs_a_fresh_code_used_once(Store kind)
    {
        var clock = new ShiftedClock();
        await using var kalkan = await KalkanFactory.StartAsync(kind, clock: clock);
        var (defender, _) = await kalkan.MemberAsync("defender", handle: "Gulnara");
        var secret = await defender.SetUpSecondFactorAsync(clock);

        var noCode = await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Gulnara", passphrase = Scenario.MemberPassphrase });
        Assert.True((await noCode.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("codeRequired").GetBoolean());

        clock.Advance(TimeSpan.FromSeconds(30)); // the next step: confirming used this one
        var code = Totp.Code(secret, Totp.StepAt(clock.GetUtcNow()));
        var wrong = await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Gulnara", passphrase = Scenario.MemberPassphrase, code = code == "000000" ? "111111" : "000000" });
        var right = await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Gulnara", passphrase = Scenario.MemberPassphrase, code });
        var replay = await kalkan.Api().PostAsJsonAsync("/api/v1/session", new { handle = "Gulnara", passphrase = Scenario.MemberPassphrase, code });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Theory, Stores]
    public async Task When_an_admin_requires_it_a_defender_without_a_second_factor_can_only_set_one_up(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var admin = await kalkan.AdminAsync();
        var (defender, _) = await kalkan.MemberAsync("defender");
        var (member, _) = await kalkan.MemberAsync("member");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/v1/network/second-factor", new { required = true })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await defender.PostAsJsonAsync("/api/v1/invites", new { role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/account")).StatusCode);
        await defender.SetUpSecondFactorAsync();
        Assert.Equal(HttpStatusCode.Created, (await defender.PostAsJsonAsync("/api/v1/invites", new { role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await defender.PutAsJsonAsync("/api/v1/network/second-factor", new { required = false })).StatusCode);
    }
}
