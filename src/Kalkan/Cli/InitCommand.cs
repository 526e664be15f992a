using System.CommandLine;
using Kalkan.Audit;
using Kalkan.Identity.Members;
using Kalkan.Setup;

namespace Kalkan.Cli;

static class InitCommand
{
    public static Command Create()
    {
        var data = KalkanCli.DataOption();
        var db = KalkanCli.DbOption();
        var network = new Option<string>("--network") { Description = "The network's name.", Required = true };
        var admin = new Option<string>("--admin") { Description = "The first admin's handle.", Required = true };
        var shares = new Option<string?>("--shares") { Description = "Also split the root key into shares, k/n (e.g. 3/5): any k of the n unseal." };
        var init = new Command("init", "Create the network, its first admin and its sealed keys.") { data, db, network, admin, shares };
        init.SetAction((result, ct) => RunAsync(result.GetValue(data)!, result.GetValue(db), result.GetValue(network)!,
            result.GetValue(admin)!, result.GetValue(shares), ct));
        return init;
    }

    static async Task<int> RunAsync(string data, string? db, string network, string admin, string? shares, CancellationToken ct)
    {
        var (threshold, count) = SharesText.Parse(shares);
        if (shares is not null && !SharesText.IsValid(threshold, count))
        {
            Console.Error.WriteLine("--shares must be k/n, for example 3/5.");
            return 2;
        }
        var builder = Host.CreateApplicationBuilder([.. KalkanCli.StoreSettings(data, db)]);
        builder.Logging.ClearProviders();
        builder.Services.AddStore().AddAudit().AddSeal().AddMembers().AddSetup();
        using var host = builder.Build();
        await host.Services.MigrateStoreAsync(ct);

        await using var scope = host.Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<NetworkSetup>();
        var request = new SetupRequest(network, admin,
            Secret.Ask("KALKAN_ADMIN_PASSPHRASE", $"Passphrase for {admin}: "),
            Secret.Ask("KALKAN_UNSEAL_PASSPHRASE", "Unseal passphrase: "),
            threshold, count);
        var result = await setup.CreateAsync(request, ct);
        scope.ServiceProvider.GetRequiredService<SealState>().Close();
        switch (result.Outcome)
        {
            case SetupOutcome.AlreadyInitialized:
                Console.Error.WriteLine("This store is already initialised; nothing was changed.");
                return 1;
            case SetupOutcome.Invalid:
                foreach (var (field, messages) in result.Errors!.Fields) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
                return 2;
        }
        Console.WriteLine($"Kalkan is initialised. Start it with `kalkan serve` and unseal it at /unseal.");
        if (result.Shares is { Count: > 0 } list)
        {
            Console.WriteLine($"Root key shares: any {threshold} of these {count} unseal. Give one to each custodian; they are not stored.");
            foreach (var share in list) Console.WriteLine(share);
        }
        return 0;
    }
}
