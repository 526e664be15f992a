namespace Kalkan.Alerts;

/// <summary>
/// What stays of expired alerts: how many of a kind were seen in a cell of about 500 m at an hour
/// of the week. No time, no place finer than the cell, no reporter: the map of where police usually stand.
/// Its id is random (version 4): a time-ordered id would say when a cell was first seen.
/// </summary>
public sealed class AlertHistory
{
    public const string Table = "alert_history";

    public Guid Id { get; set; } = Guid.NewGuid();
    public int CellY { get; set; }
    public int CellX { get; set; }
    /// <summary>0 = Sunday 00:00-00:59 in the network's time zone, up to 167.</summary>
    public int HourOfWeek { get; set; }
    public required string Kind { get; set; }
    public int Count { get; set; }
}

sealed class AlertHistoryConfiguration : IEntityTypeConfiguration<AlertHistory>
{
    public void Configure(EntityTypeBuilder<AlertHistory> history)
    {
        history.Property(h => h.Kind).HasMaxLength(16);
        history.HasIndex(h => new { h.CellY, h.CellX, h.HourOfWeek, h.Kind }).IsUnique();
    }
}
