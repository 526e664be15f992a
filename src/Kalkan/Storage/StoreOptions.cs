using System.ComponentModel.DataAnnotations;

namespace Kalkan.Storage;

public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Where SQLite, the logs and anything else of this deployment live.</summary>
    [Required] public string DataDir { get; set; } = "kalkan-data";

    /// <summary>Empty for SQLite in <see cref="DataDir"/>; a PostgreSQL connection string (Host=...) selects PostgreSQL.</summary>
    public string? Db { get; set; }

    /// <summary>
    /// Where the sealed files (evidence, case documents) live, when not in <see cref="DataDir"/>: the one
    /// folder several instances on PostgreSQL share (a network file system mount), so a file uploaded
    /// through one instance can be read through every other (docs/scale.md). PostgreSQL only: a SQLite
    /// store is one instance, and its backups carry the files from its data folder.
    /// </summary>
    public string? FilesDir { get; set; }

    /// <summary>The folder that holds the sealed files' folders.</summary>
    public string FilesRoot => HasFilesDir ? FilesDir! : DataDir;

    public bool HasFilesDir => !string.IsNullOrWhiteSpace(FilesDir);

    /// <summary>
    /// A files folder, when given, is given whole (a relative one would differ with each instance's working
    /// folder) and exists at start: it is never created, so a network mount that is not there is refused
    /// rather than filled on the local disk.
    /// </summary>
    public bool FilesDirIsUsable => !HasFilesDir || (IsPostgres && Path.IsPathFullyQualified(FilesDir!) && Directory.Exists(FilesDir));

    public bool IsPostgres => Db is { } db && db.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public string SqliteConnectionString =>
        Db is { Length: > 0 } db && !IsPostgres ? db : $"Data Source={Path.Combine(DataDir, "kalkan.db")}";
}
