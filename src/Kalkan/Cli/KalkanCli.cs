using System.CommandLine;

namespace Kalkan.Cli;

/// <summary>The verbs of contract.md. Each lives in its own file; this only lists them.</summary>
public static class KalkanCli
{
    /// <summary>A mistyped command line is a usage error (exit 2), never a server started on the wrong store.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// True only when a hosting tool (WebApplicationFactory, through HostFactoryResolver) calls Main:
    /// it passes its settings as --key=value, always with --applicationName. An operator's command
    /// line never looks like that, so a typo can never fall through to serving.
    /// </summary>
    public static bool IsHostingTool(string[] args) =>
        args.Length > 0
        && args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='))
        && args.Any(a => a.StartsWith("--applicationName=", StringComparison.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Kalkan: alerts, SOS and documentation for a network of sex worker rights defenders.");
        // `kalkan analyze` is timed against R from start to exit: it builds only its own verb, so
        // nothing of the server, the store or the other verbs is loaded for it.
        if (args is ["analyze", ..]) root.Subcommands.Add(Research.ResearchCommand.Create());
        else
        {
            root.Subcommands.Add(ServeCommand.Create());
            root.Subcommands.Add(InitCommand.Create());
            root.Subcommands.Add(UnsealCommand.Create());
            root.Subcommands.Add(Research.ResearchCommand.Create());
            root.Subcommands.Add(Audit.AuditCommand.Create());
            foreach (var command in Backup.BackupCommands.Create()) root.Subcommands.Add(command);
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0 && args.Length > 0) return await parsed.InvokeAsync();
        // Unknown verbs and options, missing values, or no verb at all: say what is wrong and how
        // it is used, on standard error, and start nothing.
        if (args.Length == 0) Console.Error.WriteLine("Give a verb, for example: kalkan serve");
        await parsed.InvokeAsync(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
        if (args.Length == 0) await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
        return UsageError;
    }

    public static Option<string> DataOption() => new("--data") { Description = "The data folder (SQLite store, logs).", DefaultValueFactory = _ => "kalkan-data" };

    public static Option<string?> DbOption() => new("--db") { Description = "A PostgreSQL connection string (Host=...;Database=...); SQLite in the data folder when absent." };

    public static Option<string?> FilesOption() => new("--files")
    {
        Description = "With --db and several instances: the folder of evidence and case documents they all share (a network mount); the data folder when absent.",
    };

    /// <summary>The same settings the web host reads, as command-line configuration.</summary>
    public static List<string> StoreSettings(string data, string? db, string? files = null)
    {
        var settings = new List<string> { $"--Store:DataDir={data}" };
        if (!string.IsNullOrEmpty(db)) settings.Add($"--Store:Db={db}");
        if (!string.IsNullOrWhiteSpace(files)) settings.Add($"--Store:FilesDir={files}");
        return settings;
    }
}
