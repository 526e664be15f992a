using Kalkan.Audit;

namespace Kalkan.Tests.Audit;

public class AuditChainTests
{
    [Theory, Stores]
    public async Task The_chain_records_what_happened_and_audit_verify_finds_the_first_tampered_entry(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            var (defender, _) = await kalkan.MemberAsync("defender");
            await defender.PostAsJsonAsync("/api/v1/invites", new { role = "member" });
            await defender.PostAsJsonAsync("/api/v1/invites", new { role = "member" });

            await using var scope = kalkan.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            var actions = await db.Set<AuditEntry>().OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
            Assert.Equal([AuditActions.NetworkCreated, AuditActions.InvitationCreated, AuditActions.InvitationCreated], actions);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<AuditChain>().FirstBrokenAsync(default));
        }

        var intact = await VerifyAsync(store);
        Assert.Equal(0, intact.ExitCode);

        await using (var kalkan = new KalkanFactory(store))
        {
            await using var scope = kalkan.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<KalkanDb>().Set<AuditEntry>()
                .Where(e => e.Sequence == 2).ExecuteUpdateAsync(u => u.SetProperty(e => e.Action, "nothing.happened"));
        }
        var tampered = await VerifyAsync(store);
        Assert.NotEqual(0, tampered.ExitCode);
        Assert.Contains("entry 2", tampered.Output);
    }

    static Task<(int ExitCode, string Output)> VerifyAsync(TestStore store) => KalkanProcess.RunAsync(["audit", "verify", .. KalkanProcess.Store(store)]);
}
