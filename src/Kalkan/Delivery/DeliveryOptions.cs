namespace Kalkan.Delivery;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>A comment line this often keeps proxies and phones from closing a quiet stream.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Events kept in memory for Last-Event-ID resume; a phone gone longer gets `event: resync`.</summary>
    public int ReplayEvents { get; set; } = 1024;

    /// <summary>How often open streams are checked against their sessions (signed out, revoked, expired: closed).</summary>
    public TimeSpan SessionCheck { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Frames waiting for one slow connection before it is closed (it resumes with Last-Event-ID).</summary>
    public int QueuePerConnection { get; set; } = 256;

    /// <summary>On PostgreSQL, how long the shared table keeps events for Last-Event-ID resume on any instance.</summary>
    public TimeSpan SharedRetention { get; set; } = TimeSpan.FromMinutes(15);
}
