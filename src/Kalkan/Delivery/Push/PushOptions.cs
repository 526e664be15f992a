namespace Kalkan.Delivery.Push;

public sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>
    /// Hosts a subscription's endpoint may name (a host or a parent domain): the browsers' push
    /// services. Anything else would let a member make the server send requests where she likes.
    /// </summary>
    public string[] AllowedHosts { get; set; } =
        ["fcm.googleapis.com", "updates.push.services.mozilla.com", "push.services.mozilla.com", "notify.windows.com", "push.apple.com"];

    /// <summary>For tests only: admit http://127.0.0.1:PORT/ endpoints.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>What a lock screen shows. Neutral on purpose: a phone may be looked at by anyone.</summary>
    public string Title { get; set; } = "Notes";
    public string Body { get; set; } = "Something new";

    /// <summary>RFC 8292's contact for the push services (a mailto: or https: URI).</summary>
    public string Subject { get; set; } = "mailto:operator@kalkan.invalid";

    /// <summary>How long a push service keeps a message for a phone that is off (RFC 8030 TTL).</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);

    public int MaxSubscriptionsPerMember { get; set; } = 5;

    /// <summary>Subscribe and unsubscribe calls per member a minute.</summary>
    public int CallsPerMinute { get; set; } = 30;
}
