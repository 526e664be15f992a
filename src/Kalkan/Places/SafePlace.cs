namespace Kalkan.Places;

/// <summary>
/// A place in the defenders' directory: a community space, a clinic friendly to sex workers, legal
/// aid, a hotline. Police who seize the server would learn where the network gathers, so everything
/// that says what and where it is lives sealed in one value; only the day it was last checked is clear.
/// </summary>
public sealed class SafePlace
{
    public const string Table = "safe_places", DetailsColumn = "details";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary><see cref="PlaceDetails"/> as JSON, sealed.</summary>
    public required byte[] DetailsSealed { get; set; }
    /// <summary>The day a defender last made sure it is still there and still safe.</summary>
    public DateOnly CheckedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a place is, as its defenders wrote it; sealed whole in <see cref="SafePlace.DetailsSealed"/>.</summary>
public sealed record PlaceDetails(string Name, string Kind, string District, string? Hours, IReadOnlyList<string> Languages, string? Contact, string? Note);

sealed class SafePlaceConfiguration : IEntityTypeConfiguration<SafePlace>
{
    // Its table and key follow the store's conventions (KalkanDb): this only puts it in the model.
    public void Configure(EntityTypeBuilder<SafePlace> place) { }
}
