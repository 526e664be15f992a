using System.CommandLine;
using Kalkan.Cli;
using Microsoft.Data.Sqlite;

namespace Kalkan.Backup;

/// <summary>
/// `kalkan backup --out FILE` takes a consistent copy of the SQLite store while Kalkan serves
/// (SQLite's VACUUM INTO), with the sealed evidence and case documents (<see cref="BackupArchive"/>),
/// and encrypts it whole under a backup passphrase; `kalkan restore --in FILE` writes them into an
/// empty data folder. The sealed fields inside stay sealed: after a restore the
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
        FileStream file;
        try
        {
            file = new FileStream(output.FullName, FileMode.CreateNew, FileAccess.Write);
        }
        catch (IOException) when (File.Exists(output.FullName))
        {
            Console.Error.WriteLine($"{output.FullName} exists already; choose another name.");
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
            // The archive is sealed as it is written: no plaintext copy of the evidence ever lands on disk.
            await using (file)
                await ThroughPipeAsync(
                    archive => BackupArchive.WriteAsync(archive, snapshot, data, ct),
                    archive => BackupFile.WriteAsync(archive, file, passphrase, KdfParameters.Unseal, ct));
        }
        catch (Exception e)
        {
            // Half a backup is no backup: nothing is left that could be mistaken for one.
            await file.DisposeAsync();
            File.Delete(output.FullName);
            Console.Error.WriteLine($"The backup failed and was not written: {e.Message}");
            return 1;
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
        try
        {
            await using var file = input.OpenRead();
            await ThroughPipeAsync(
                archive => BackupFile.ReadAsync(file, archive, passphrase, ct),
                archive => BackupArchive.ExtractAsync(archive, data, ct));
        }
        catch (Exception e)
        {
            // Each chunk is checked before it is written, but a damaged or cut file is found only at its end, and a full
            // disk anywhere: nothing of a failed restore stays, so no server starts on half a network.
            foreach (var entry in new DirectoryInfo(data).GetFileSystemInfos())
                if (entry is DirectoryInfo folder) folder.Delete(true); else entry.Delete();
            Console.Error.WriteLine(e is InvalidDataException ? e.Message : e is FormatException or EndOfStreamException ? "The backup is damaged." : $"The restore failed: {e.Message}");
            return 1;
        }
        Console.WriteLine($"Restored into {data}. Start it with `kalkan serve --data {data}` and unseal it with the network's unseal passphrase.");
        return 0;
    }

    /// <summary>
    /// <paramref name="write"/> fills a stream that <paramref name="read"/> drains at the same time. A
    /// failure on either side ends the other at its next read or write, and the first is thrown.
    /// </summary>
    static async Task ThroughPipeAsync(Func<Stream, Task> write, Func<Stream, Task> read)
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var writing = Task.Run(async () =>
        {
            try
            {
                await using (var stream = pipe.Writer.AsStream(leaveOpen: true)) await write(stream);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
                throw;
            }
        });
        try
        {
            await using (var stream = pipe.Reader.AsStream(leaveOpen: true)) await read(stream);
            await pipe.Reader.CompleteAsync();
        }
        catch (Exception e)
        {
            // Either the reader's own failure or the writer's, handed on by the pipe (a wrong passphrase ends the
            // archive it was feeding): the cause either way. The writer stops at its next write; what it throws then is an echo.
            await pipe.Reader.CompleteAsync(e);
            try { await writing; } catch { }
            throw;
        }
        await writing;
    }
}
