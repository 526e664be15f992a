namespace Kalkan.Web;

/// <summary>Where quick exit lands: the network's choice of a neutral page (QuickExit:Url), Kalkan's own /exit by default.</summary>
public sealed class QuickExitOptions
{
    public const string Section = "QuickExit";

    /// <summary>A path on this server or an https URL of a harmless site; the session is locked before she gets there.</summary>
    public string Url { get; set; } = "/exit";

    public bool IsValid() => Url.StartsWith('/') && !Url.StartsWith("//") || Uri.TryCreate(Url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps;
}
