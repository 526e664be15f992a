using Kalkan.Limits;
using Kalkan.Identity.Members;
using Kalkan.Identity.Sessions;

namespace Kalkan.Tests.Security;

/// <summary>
/// Someone holding a signed-in phone guesses her passphrase through the account's forms, or floods
/// sign-in on one handle to lock everyone else out. Every check counts toward one slowdown per
/// handle, and a slowed handle waits without holding anyone else's place.
/// </summary>
[Collection(TimingSensitive.Name)]
public class PassphraseGuardTests
{
    [Theory, Stores]
    public async Task Wrong_passphrases_on_every_account_form_count_toward_her_handles_slowdown(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (phone, _) = await kalkan.MemberAsync(handle: "Aizada");
        var checkin = (await (await phone.PostAsJsonAsync("/api/v1/checkins", new { dueAt = DateTimeOffset.UtcNow.AddHours(1) })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        const string guess = "a guess at her passphrase";

        var guesses = new Func<Task<HttpResponseMessage>>[]
        {
            () => phone.PostAsJsonAsync("/api/v1/account/passphrase", new { current = guess, @new = "what the thief wants" }),
            () => phone.PostAsJsonAsync("/api/v1/account/second-factor", new { passphrase = guess }),
            () => phone.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account/second-factor") { Content = JsonContent.Create(new { passphrase = guess }) }),
            () => phone.PostAsJsonAsync($"/api/v1/checkins/{checkin}/done", new { passphrase = guess }),
            () => phone.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account") { Content = JsonContent.Create(new { passphrase = guess }) }),
            () => phone.PutAsJsonAsync("/api/v1/account/duress", new { passphrase = guess, duress = "a duress passphrase" }),
        };
        foreach (var attempt in guesses) Assert.Equal(HttpStatusCode.BadRequest, (await attempt()).StatusCode);

        // Six failures on her handle: the next check, here a sign-in, waits (2 s), and still lets her in.
        var clock = Stopwatch.StartNew();
        await kalkan.Api().SignInAsync("Aizada", Scenario.MemberPassphrase);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"not slowed: {clock.Elapsed}");
    }

    [Fact]
    public async Task A_flood_on_one_slowed_handle_holds_no_permit_while_it_waits()
    {
        // The flooded handle's slowdown never ends, so its attempts wait for good.
        using var guard = await GuardAfterAsync("flooded handle", failures: 6);
        using var stop = new CancellationTokenSource();

        var flood = Enumerable.Range(0, 50).Select(_ => guard.EnterAsync("flooded handle", stop.Token)).ToList();
        var someoneElse = guard.EnterAsync("another handle", CancellationToken.None);

        // Fifty waiting attempts, and another handle still gets a permit at once (the permits are few: two per core).
        Assert.True(someoneElse.IsCompletedSuccessfully);
        (await someoneElse).Dispose();
        Assert.All(flood, f => Assert.False(f.IsCompleted));
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(flood));
    }

    [Fact]
    public async Task Guesses_sent_together_on_one_handle_each_wait_for_the_ones_before_them()
    {
        // Four failures counted: the fifth try is free, the sixth and seventh sent at the same moment must wait
        // (read before counting, all three would have seen four and gone straight to the passphrase check).
        using var guard = await GuardAfterAsync("guessed handle", failures: 4);
        using var stop = new CancellationTokenSource();

        var together = Enumerable.Range(0, 3).Select(_ => guard.EnterAsync("guessed handle", stop.Token)).ToList();

        Assert.True(together[0].IsCompletedSuccessfully);
        (await together[0]).Dispose();
        Assert.All(together.Skip(1), t => Assert.False(t.IsCompleted));
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(together.Skip(1)));
    }

    /// <summary>A guard whose handle has failed this many times, on a clock that never moves: no slowdown ends while the test runs.</summary>
    static async Task<PassphraseGuard> GuardAfterAsync(string handle, int failures)
    {
        var clock = new StoppedClock();
        var counter = new FailureCounter(new MemoryCounters(clock));
        for (var i = 0; i < failures; i++) await counter.CountInAsync(handle);
        return new PassphraseGuard(counter, clock);
    }

    sealed class StoppedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 12, 1, 23, 40, 0, TimeSpan.Zero);
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

        sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => default;
        }
    }

    [Theory, Stores]
    public async Task Replacing_a_second_factor_needs_a_current_code_of_it(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (phone, _) = await kalkan.MemberAsync();
        var secret = await phone.SetUpSecondFactorAsync();
        var step = Totp.StepAt(DateTimeOffset.UtcNow);

        var withoutCode = await phone.PostAsJsonAsync("/api/v1/account/second-factor", new { passphrase = Scenario.MemberPassphrase });
        var wrongCode = await phone.PostAsJsonAsync("/api/v1/account/second-factor", new { passphrase = Scenario.MemberPassphrase, code = Totp.Code(secret, step - 5) });
        Assert.Equal(HttpStatusCode.BadRequest, withoutCode.StatusCode);
        Assert.True((await wrongCode.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _));
        Assert.True((await phone.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("secondFactor").GetBoolean());

        // With a fresh code (the next step's, within the drift allowed) she replaces it.
        var replaced = await phone.PostAsJsonAsync("/api/v1/account/second-factor", new { passphrase = Scenario.MemberPassphrase, code = Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow) + 1) });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
    }
}
