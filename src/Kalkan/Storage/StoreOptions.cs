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
    public string FilesRoot => FilesDir is { Length: > 0 } files ? files : DataDir;

    public bool IsPostgres => Db is { } db && db.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public string SqliteConnectionString =>
        Db is { Length: > 0 } db && !IsPostgres ? db : $"Data Source={Path.Combine(DataDir, "kalkan.db")}";
}
