using System.Diagnostics;

namespace Kalkan.Bench;

/// <summary>
/// A fresh PostgreSQL database for one benchmark run (or one phase of it), created and dropped
/// through psql so the bench needs no driver of its own. `--db` names the server, never a database.
/// </summary>
sealed class ScratchDatabase : IAsyncDisposable
{
    readonly string admin;

    /// <summary>The database's own name (also used to name data folders beside it).</summary>
    public string Name { get; }

    /// <summary>The arguments that put `kalkan init` or `kalkan serve` on this database.</summary>
    public string[] StoreArgs => ["--db", $"{admin};Database={Name}"];

    ScratchDatabase(string admin, string name) => (this.admin, Name) = (admin, name);

    /// <summary>The `--db` value among the arguments, if any: the server to make scratch databases on.</summary>
    public static string? ServerOf(string[] args) => args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault();

    public static async Task<ScratchDatabase> CreateAsync(string admin)
    {
        var name = $"kalkan_bench_{Guid.NewGuid():N}"[..28];
        await PsqlAsync(admin, $"CREATE DATABASE {name}");
        return new ScratchDatabase(admin, name);
    }

    public async ValueTask DisposeAsync() => await PsqlAsync(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    /// <summary>One statement through psql, against the server's own "postgres" database; the Npgsql keys turned into libpq's.</summary>
    static async Task PsqlAsync(string admin, string sql)
    {
        var keys = admin.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var libpq = string.Join(' ', new[] { ("host", "host"), ("port", "port"), ("username", "user"), ("password", "password") }
            .Where(k => keys.ContainsKey(k.Item1)).Select(k => $"{k.Item2}={keys[k.Item1]}")) + " dbname=postgres";
        var info = new ProcessStartInfo("psql", [libpq, "-v", "ON_ERROR_STOP=1", "-qc", sql]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var psql = Process.Start(info) ?? throw new InvalidOperationException("psql is missing: apt-get install postgresql-client");
        var error = await psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        if (psql.ExitCode != 0) throw new InvalidOperationException($"FAILED: psql said {error}");
    }
}
