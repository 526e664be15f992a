namespace Kalkan.Alerts;

/// <summary>A place the network named (a market, a crossroads), to report at and to say where an alert is. Name and place are sealed.</summary>
public sealed class Landmark
{
    public const string Table = "landmarks", NameColumn = "name";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] NameSealed { get; set; }
    /// <summary>Latitude and longitude, sealed (<see cref="SealedPlace"/>).</summary>
    public required byte[] PositionSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class LandmarkConfiguration : IEntityTypeConfiguration<Landmark>
{
    // Its table and key follow the store's conventions (KalkanDb): this only puts it in the model.
    public void Configure(EntityTypeBuilder<Landmark> landmark) { }
}
