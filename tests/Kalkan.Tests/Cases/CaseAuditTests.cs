using Kalkan.Audit;
using Kalkan.Cases;

namespace Kalkan.Tests.Cases;

public class CaseAuditTests
{
    [Theory, Stores]
    public async Task Filing_status_changes_assignments_and_reads_are_in_the_chain_without_a_word_of_the_case_and_audit_verify_passes(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using (var kalkan = await KalkanFactory.StartAsync(store))
        {
            var (defender, _) = await kalkan.MemberAsync("defender");
            await kalkan.MemberAsync("defender", handle: "second-defender");
            var (id, _) = await CaseSamples.FileAsync(defender, build: i => CaseSamples.Case(i, title: "Canary title 5511"));
            await defender.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "filed", on = "2026-10-20", note = "by registered post" });
            await defender.PostAsJsonAsync($"/api/v1/cases/{id}/assignees", new { handle = "second-defender" });
            await defender.CaseAsync(id);

            await using var scope = kalkan.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KalkanDb>();
            var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
            var entries = await db.Set<AuditEntry>().OrderBy(e => e.Sequence).ToListAsync();
            var subject = chain.SubjectOf(id);
            foreach (var action in new[] { CaseActions.Created, CaseActions.Status, CaseActions.Assigned, CaseActions.Read })
                Assert.Contains(entries, e => e.Action == action && e.Subject == subject);
            var text = string.Join("\n", entries.Select(e => e.Action + " " + e.Subject));
            foreach (var plaintext in new[] { "Aizada", "Organiser B", "Canary title", "registered post", id.ToString("N"), id.ToString() })
                Assert.DoesNotContain(plaintext, text, StringComparison.OrdinalIgnoreCase);
        }

        var verified = await KalkanProcess.RunAsync(["audit", "verify", .. KalkanProcess.Store(store)]);
        Assert.True(verified.ExitCode == 0, verified.Output);
    }
}
