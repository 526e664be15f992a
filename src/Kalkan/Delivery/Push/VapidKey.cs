namespace Kalkan.Delivery.Push;

/// <summary>The network's VAPID key pair (RFC 8292): public in the clear, private key sealed.</summary>
public sealed class VapidKey
{
    public const string Table = "vapid_keys", PrivateColumn = "private_key";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required byte[] PublicKey { get; set; }
    public required byte[] PrivateKeySealed { get; set; }

    public static VapidKey Create(FieldCipher cipher)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(true);
        var key = new VapidKey { PublicKey = WebPushCrypto.PublicKey(ecdsa), PrivateKeySealed = [] };
        key.PrivateKeySealed = cipher.Encrypt(parameters.D, new FieldRef(Table, PrivateColumn, key.Id));
        CryptographicOperations.ZeroMemory(parameters.D);
        return key;
    }

    public ECDsa Open(FieldCipher cipher)
    {
        var d = cipher.Decrypt(PrivateKeySealed, new FieldRef(Table, PrivateColumn, Id));
        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = d,
                Q = new ECPoint { X = PublicKey[1..33], Y = PublicKey[33..] },
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>The network's key; made now if the network predates Web Push.</summary>
    public static async Task<VapidKey> OfNetworkAsync(KalkanDb db, FieldCipher cipher, CancellationToken ct)
    {
        if (await db.Set<VapidKey>().AsNoTracking().OrderBy(k => k.Id).FirstOrDefaultAsync(ct) is { } key) return key;
        key = Create(cipher);
        db.Add(key);
        await db.SaveChangesAsync(ct);
        return key;
    }
}

sealed class VapidKeyConfiguration : IEntityTypeConfiguration<VapidKey>
{
    // Its table and key follow the store's conventions (KalkanDb): this only puts it in the model.
    public void Configure(EntityTypeBuilder<VapidKey> key) { }
}
