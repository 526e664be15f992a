using System.ComponentModel.DataAnnotations;

namespace Kalkan.Storage;

public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Where SQLite, the logs and anything else of this deployment live.</summary>
    [Required] public string DataDir { get; set; } = "kalkan-data";

    /// <summary>Empty for SQLite in <see cref="DataDir"/>; a PostgreSQL connection string (Host=...) selects PostgreSQL.</summary>
    public string? Db { get; set; }

    public bool IsPostgres => Db is { } db && db.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public string SqliteConnectionString =>
        Db is { Length: > 0 } db && !IsPostgres ? db : $"Data Source={Path.Combine(DataDir, "kalkan.db")}";
}
