namespace Kalkan.Setup;

/// <summary>
/// Something a feature makes once when the network is created (Web Push's VAPID keys, say), with
/// the seal open and in the same unit of work: add entities to the context, do not save.
/// </summary>
public interface INetworkSetupStep
{
    Task AddToNewNetworkAsync(Storage.KalkanDb db, CancellationToken ct);
}
