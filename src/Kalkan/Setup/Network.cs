namespace Kalkan.Setup;

/// <summary>The deployment itself. Its name is sealed: a seized disk should not say whose it is.</summary>
public sealed class Network
{
    public const string Table = "networks";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] NameSealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set by an admin: defenders and admins must have a second factor (TOTP).</summary>
    public bool RequireSecondFactor { get; set; }
}

sealed class NetworkConfiguration : IEntityTypeConfiguration<Network>
{
    // Its table and key follow the store's conventions (KalkanDb): this only puts it in the model.
    public void Configure(EntityTypeBuilder<Network> network) { }
}
