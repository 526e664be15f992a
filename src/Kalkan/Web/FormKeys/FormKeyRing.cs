using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;

namespace Kalkan.Web.FormKeys;

/// <summary>
/// Data protection (anti-forgery tokens, TempData) on PostgreSQL, where several instances serve one
/// network (docs/decisions/1610). While sealed this instance protects with keys of its own, in
/// memory only: the setup and unseal forms must work, and the shared keys cannot be read. Once
/// unsealed it uses the shared ring, built fresh at the first form after each unseal (so no ring
/// read while sealed is ever kept) and dropped when the seal closes.
/// </summary>
public sealed class FormKeyRing : IDataProtectionProvider, IDisposable
{
    /// <summary>The same on every instance: it is part of every purpose, so it must not be the content root.</summary>
    const string ApplicationName = "kalkan";

    readonly SealState seal;
    readonly SealedFormKeys store;
    readonly ILoggerFactory loggers;
    readonly Lock gate = new();
    ServiceProvider? sharedServices;
    IDataProtectionProvider? shared;
    // Every protector handed out, held weakly: at a seal each lets go of the ring it bound, so nothing keeps the keys reachable.
    readonly System.Runtime.CompilerServices.ConditionalWeakTable<SealAwareProtector, object?> handedOut = [];

    public FormKeyRing(SealState seal, SealedFormKeys store, ILoggerFactory loggers)
    {
        (this.seal, this.store, this.loggers) = (seal, store, loggers);
        WhileSealed = new EphemeralDataProtectionProvider(loggers);
        seal.Sealed += Drop;
    }

    internal IDataProtectionProvider WhileSealed { get; }

    public IDataProtector CreateProtector(string purpose) => new SealAwareProtector(this, [purpose]);

    internal void Track(SealAwareProtector protector) => handedOut.AddOrUpdate(protector, null);

    /// <summary>The shared ring, loaded now if this is its first use since the unseal; null while sealed.</summary>
    internal IDataProtectionProvider? Shared()
    {
        if (seal.Status != SealStatus.Ready) return null;
        lock (gate) return shared ??= Load();
    }

    IDataProtectionProvider Load()
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = store);
        var built = services.BuildServiceProvider();
        try
        {
            // Loading the ring is where data protection creates a key when none is usable: done alone, every instance ends up with the same one.
            store.LoadAlone(() => built.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing());
            var provider = built.GetRequiredService<IDataProtectionProvider>();
            sharedServices = built;
            return provider;
        }
        catch
        {
            built.Dispose();
            throw;
        }
    }

    /// <summary>The seal closed: the keys read from the store leave memory with everything else that was unsealed.</summary>
    void Drop()
    {
        lock (gate)
        {
            shared = null;
            sharedServices?.Dispose();
            sharedServices = null;
            foreach (var (protector, _) in handedOut) protector.Forget();
        }
    }

    public void Dispose()
    {
        seal.Sealed -= Drop;
        Drop();
    }
}

/// <summary>
/// A protector that follows the seal: the shared ring while unsealed, this instance's own keys
/// while sealed. What this instance protected while sealed (the unseal form, say) still opens after.
/// </summary>
sealed class SealAwareProtector : IDataProtector
{
    readonly FormKeyRing ring;
    readonly string[] purposes;
    readonly IDataProtector whileSealed;
    volatile Bound? current;

    public SealAwareProtector(FormKeyRing ring, string[] purposes)
    {
        (this.ring, this.purposes) = (ring, purposes);
        whileSealed = ring.WhileSealed.CreateProtector(purposes[0], purposes[1..]);
        ring.Track(this);
    }

    /// <summary>The seal closed: let go of the shared ring's protector (the next use after an unseal binds the new ring).</summary>
    internal void Forget() => current = null;

    public IDataProtector CreateProtector(string purpose) => new SealAwareProtector(ring, [.. purposes, purpose]);

    public byte[] Protect(byte[] plaintext) => (Shared() ?? whileSealed).Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        if (Shared() is not { } shared) return whileSealed.Unprotect(protectedData);
        try
        {
            return shared.Unprotect(protectedData);
        }
        catch (CryptographicException)
        {
            return whileSealed.Unprotect(protectedData);
        }
    }

    IDataProtector? Shared()
    {
        if (ring.Shared() is not { } provider) return null;
        if (current is { } known && ReferenceEquals(known.Ring, provider)) return known.Protector;
        var protector = provider.CreateProtector(purposes[0], purposes[1..]);
        current = new Bound(provider, protector);
        return protector;
    }

    /// <summary>This purpose's protector on one loaded ring (a new ring after each unseal).</summary>
    sealed record Bound(IDataProtectionProvider Ring, IDataProtector Protector);
}
