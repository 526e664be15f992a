using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kalkan.Alerts;

/// <summary>A place the network named (a market, a crossroads), to report at and to say where an alert is. The name is sealed.</summary>
public sealed class Landmark
{
    public const string Table = "landmarks", NameColumn = "name";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] NameSealed { get; set; }
    public double Lat { get; set; }
    public double Lon { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class LandmarkConfiguration : IEntityTypeConfiguration<Landmark>
{
    public void Configure(EntityTypeBuilder<Landmark> landmark)
    {
        landmark.ToTable(Landmark.Table);
        landmark.HasKey(l => l.Id);
    }
}
