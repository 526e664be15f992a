using Kalkan.Identity.Members;

namespace Kalkan.Tests.Infrastructure;

/// <summary>What a member does on her account before the part a test is about: a duress passphrase, a second factor.</summary>
public static class AccountSteps
{
    /// <summary>She sets <see cref="Scenario.DuressPassphrase"/> as her duress passphrase: signing in with it opens a decoy account and warns the defenders.</summary>
    public static async Task SetDuressPassphraseAsync(this HttpClient member)
    {
        var set = await member.PutAsJsonAsync("/api/v1/account/duress", new { passphrase = Scenario.MemberPassphrase, duress = Scenario.DuressPassphrase });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
    }

    /// <summary>A new member (<see cref="Scenario.MemberAsync"/>) who has set <see cref="Scenario.DuressPassphrase"/>.</summary>
    public static async Task<(HttpClient Client, Guid Id)> MemberWithDuressAsync(this KalkanFactory kalkan, string role = "member", string? handle = null)
    {
        var member = await kalkan.MemberAsync(role, handle);
        await member.Client.SetDuressPassphraseAsync();
        return member;
    }

    /// <summary>She sets up a second factor with her passphrase and confirms it with the code of the moment (on <paramref name="clock"/>, if the server reads one); its secret, as her authenticator app holds it.</summary>
    public static async Task<byte[]> SetUpSecondFactorAsync(this HttpClient member, TimeProvider? clock = null)
    {
        var enrol = await member.PostAsJsonAsync("/api/v1/account/second-factor", new { passphrase = Scenario.MemberPassphrase });
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        var body = await enrol.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("otpauth://totp/Notes:", body.GetProperty("uri").GetString());
        var secret = Base32.Decode(body.GetProperty("secret").GetString()!);
        var confirm = await member.PostAsJsonAsync("/api/v1/account/second-factor/confirm", new { code = Totp.Code(secret, Totp.StepAt((clock ?? TimeProvider.System).GetUtcNow())) });
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        return secret;
    }
}
