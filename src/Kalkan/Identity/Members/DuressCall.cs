namespace Kalkan.Identity.Members;

/// <summary>
/// A duress warning the defenders have not yet dealt with: whose it is and how it was raised are
/// sealed, so the row says only that someone, at some time, may have been forced. Kept in the store
/// so a restart loses none; deleted when a defender resolves it.
/// </summary>
public sealed class DuressCall
{
    public const string Table = "duress_calls", OwnerColumn = "owner", ReasonColumn = "reason";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] OwnerSealed { get; set; }
    public required byte[] ReasonSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class DuressCallConfiguration : IEntityTypeConfiguration<DuressCall>
{
    // Its table and key follow the store's conventions (KalkanDb): this only puts it in the model.
    public void Configure(EntityTypeBuilder<DuressCall> call) { }
}
