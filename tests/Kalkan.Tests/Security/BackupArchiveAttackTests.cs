using System.Formats.Tar;
using Kalkan.Backup;
using Kalkan.Seal;

namespace Kalkan.Tests.Security;

/// <summary>
/// A backup file that someone made (or changed, knowing the backup passphrase) to write outside the
/// data folder on restore: a name that climbs out, or a link that points out, is refused, and the
/// restore leaves nothing behind.
/// </summary>
public class BackupArchiveAttackTests
{
    const string Passphrase = "backup passphrase for tests";

    [Theory]
    [InlineData("evidence/../../escaped-by-name")]
    [InlineData("../escaped-by-name")]
    [InlineData(BackupArchive.StoreFile)] // a second store, to take the first one's place
    [InlineData("{folder}/escaped-by-absolute-name")]
    public async Task A_restore_refuses_a_name_that_leaves_the_data_folder_and_writes_nothing(string name)
    {
        using var folder = new TemporaryFolder();
        name = name.Replace("{folder}", folder.Path);
        var backup = await BackupOfAsync(folder.Path, tar =>
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, BackupArchive.StoreFile) { DataStream = new MemoryStream("SQLite format 3\0"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("planted"u8.ToArray()) });
        });
        var into = Path.Combine(folder.Path, "data", "restored");

        var (code, output) = await KalkanProcess.RunAsync(["restore", "--data", into, "--in", backup], new Dictionary<string, string> { ["KALKAN_BACKUP_PASSPHRASE"] = Passphrase });

        Assert.NotEqual(0, code);
        Assert.Contains("something other than a Kalkan store", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(into));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "escaped-by-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_restore_refuses_a_link_among_the_evidence()
    {
        using var folder = new TemporaryFolder();
        var backup = await BackupOfAsync(folder.Path, tar =>
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, BackupArchive.StoreFile) { DataStream = new MemoryStream("SQLite format 3\0"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "evidence/0123456789abcdef0123456789abcdef.original") { LinkName = "/etc/passwd" });
        });
        var into = Path.Combine(folder.Path, "restored");

        var (code, _) = await KalkanProcess.RunAsync(["restore", "--data", into, "--in", backup], new Dictionary<string, string> { ["KALKAN_BACKUP_PASSPHRASE"] = Passphrase });

        Assert.NotEqual(0, code);
        Assert.True(!Directory.Exists(into) || !Directory.EnumerateFileSystemEntries(into).Any(), "the restore left something behind");
    }

    /// <summary>A well-sealed backup file (the right passphrase) whose archive says what <paramref name="fill"/> writes.</summary>
    static async Task<string> BackupOfAsync(string folder, Action<TarWriter> fill)
    {
        var archive = new MemoryStream();
        using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true)) fill(tar);
        archive.Position = 0;
        var path = System.IO.Path.Combine(folder, "crafted.kalkan-backup");
        await using var file = File.Create(path);
        await BackupFile.WriteAsync(archive, file, Passphrase, KdfParameters.Unseal, CancellationToken.None);
        return path;
    }

    sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kalkan-backup-attack-").FullName;
        public void Dispose() => Directory.Delete(Path, true);
    }
}
