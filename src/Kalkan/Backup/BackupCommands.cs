using System.CommandLine;
using Kalkan.Cli;
using Microsoft.Data.Sqlite;

namespace Kalkan.Backup;

/// <summary>
/// `kalkan backup --out FILE` takes a consistent copy of the SQLite store while Kalkan serves
/// (SQLite's VACUUM INTO) and encrypts it whole under a backup passphrase; `kalkan restore --in FILE`
/// writes it into an empty data folder. The sealed fields inside stay sealed: after a restore the
/// network's own unseal passphrase opens it as before.
/// </summary>
public static class BackupCommands
{
    const string PassphraseVariable = "KALKAN_BACKUP_PASSPHRASE";

    public static IEnumerable<Command> Create()
    {
        var data = KalkanCli.DataOption();
        var db = KalkanCli.DbOption();
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write.", Required = true };
        var backup = new Command("backup", "An encrypted, consistent backup, taken while serving.") { data, db, output };
        backup.SetAction((r, ct) => BackupAsync(r.GetValue(data)!, r.GetValue(db), r.GetValue(output)!, ct));

        var restoreData = KalkanCli.DataOption();
        var input = new Option<FileInfo>("--in") { Description = "The backup file to read.", Required = true };
        var restore = new Command("restore", "Restore a backup into an empty data folder.") { restoreData, input };
        restore.SetAction((r, ct) => RestoreAsync(r.GetValue(restoreData)!, r.GetValue(input)!, ct));
        return [backup, restore];
    }

    static async Task<int> BackupAsync(string data, string? db, FileInfo output, CancellationToken ct)
    {
        var store = new StoreOptions { DataDir = data, Db = db };
        if (store.IsPostgres)
        {
            Console.Error.WriteLine("A PostgreSQL store is backed up with pg_dump; this command backs up the SQLite store.");
            return 2;
        }
        var source = Path.Combine(data, "kalkan.db");
        if (!File.Exists(source))
        {
            Console.Error.WriteLine($"No Kalkan store in {data}.");
            return 2;
        }
        var passphrase = Secret.Ask(PassphraseVariable, "Backup passphrase: ");
        if (Identity.Members.PassphrasePolicy.Problem(passphrase) is { } problem)
        {
            Console.Error.WriteLine($"Backup passphrase: {problem}");
            return 2;
        }
        var snapshot = Path.Combine(data, $"backup-{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $path";
                command.Parameters.AddWithValue("$path", snapshot);
                await command.ExecuteNonQueryAsync(ct);
            }
            await using var plaintext = File.OpenRead(snapshot);
            await using var file = new FileStream(output.FullName, FileMode.CreateNew, FileAccess.Write);
            await BackupFile.WriteAsync(plaintext, file, passphrase, KdfParameters.Unseal, ct);
        }
        catch (IOException e) when (File.Exists(output.FullName) && e is not FileNotFoundException)
        {
            Console.Error.WriteLine($"{output.FullName} exists already; choose another name.");
            return 2;
        }
        finally
        {
            File.Delete(snapshot);
        }
        Console.WriteLine($"Backup written to {output.FullName}.");
        return 0;
    }

    static async Task<int> RestoreAsync(string data, FileInfo input, CancellationToken ct)
    {
        if (!input.Exists)
        {
            Console.Error.WriteLine($"{input.FullName} does not exist.");
            return 2;
        }
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            Console.Error.WriteLine($"{data} is not empty: restore only into an empty data folder.");
            return 2;
        }
        var passphrase = Secret.Ask(PassphraseVariable, "Backup passphrase: ");
        DataFolder.Ensure(data);
        var target = Path.Combine(data, "kalkan.db");
        try
        {
            await using var file = input.OpenRead();
            await using var plaintext = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            await BackupFile.ReadAsync(file, plaintext, passphrase, ct);
        }
        catch (InvalidDataException e)
        {
            File.Delete(target);
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        Console.WriteLine($"Restored into {data}. Start it with `kalkan serve --data {data}` and unseal it with the network's unseal passphrase.");
        return 0;
    }
}
