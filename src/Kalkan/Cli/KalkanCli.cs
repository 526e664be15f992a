using System.CommandLine;

namespace Kalkan.Cli;

/// <summary>The verbs of contract.md. Each lives in its own file; this only lists them.</summary>
public static class KalkanCli
{
    static readonly string[] Verbs = ["serve", "init", "analyze", "audit", "backup", "restore", "--help", "-h", "-?", "--version"];

    /// <summary>
    /// Anything else (no arguments, or --key=value settings as the test host passes them) starts
    /// the web host directly with those settings.
    /// </summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Kalkan: alerts, SOS and documentation for a network of sex worker rights defenders.")
        {
            ServeCommand.Create(),
            InitCommand.Create(),
            Research.ResearchCommand.Create(),
            Audit.AuditCommand.Create(),
        };
        foreach (var command in Backup.BackupCommands.Create()) root.Subcommands.Add(command);
        return root.Parse(args).InvokeAsync();
    }

    public static Option<string> DataOption() => new("--data") { Description = "The data folder (SQLite store, logs).", DefaultValueFactory = _ => "kalkan-data" };

    public static Option<string?> DbOption() => new("--db") { Description = "A PostgreSQL connection string (Host=...;Database=...); SQLite in the data folder when absent." };

    /// <summary>The same settings the web host reads, as command-line configuration.</summary>
    public static List<string> StoreSettings(string data, string? db)
    {
        var settings = new List<string> { $"--Store:DataDir={data}" };
        if (!string.IsNullOrEmpty(db)) settings.Add($"--Store:Db={db}");
        return settings;
    }
}
