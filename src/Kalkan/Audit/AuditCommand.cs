using System.CommandLine;
using Kalkan.Cli;

namespace Kalkan.Audit;

/// <summary>`kalkan audit verify`: exit 0 when the chain is intact, 1 naming the first bad entry.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var data = KalkanCli.DataOption();
        var db = KalkanCli.DbOption();
        var verify = new Command("verify", "Check every link of the audit chain.") { data, db };
        verify.SetAction(async (result, ct) =>
        {
            var builder = Host.CreateApplicationBuilder([.. KalkanCli.StoreSettings(result.GetValue(data)!, result.GetValue(db))]);
            builder.Logging.ClearProviders();
            // A sealed state that never opens: verifying needs no key, and the subjects stay references.
            builder.Services.AddStore().AddSingleton<Seal.SealState>().AddScoped<AuditChain>().AddAuditWitnesses();
            using var host = builder.Build();
            await host.Services.MigrateStoreAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var broken = await scope.ServiceProvider.GetRequiredService<AuditChain>().FirstBrokenAsync(ct);
            if (broken is null)
            {
                Console.WriteLine("The audit chain is intact.");
                return 0;
            }
            Console.Error.WriteLine($"The audit chain is broken at entry {broken}: it, or one before it, was changed or removed.");
            return 1;
        });
        return new Command("audit", "The append-only audit chain.") { verify };
    }
}
