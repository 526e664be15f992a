using Kalkan.Identity.Members;

namespace Kalkan.Web;

/// <summary>The pages a signed-in person reaches from every page, by the least role that may open each (checked
/// against her effective role, SessionClaims.Has). Features add theirs here.</summary>
public static class Menu
{
    public sealed record Item(string Path, string Label, string Policy);

    public static readonly List<Item> Items =
    [
        new("/alerts", "Alerts", Roles.Member),
        new("/sos", "SOS", Roles.Member),
        new("/checkin", "Check-in", Roles.Member),
        new("/circle", "My circle", Roles.Member),
        new("/calls", "Calls for help", Roles.Member),
        new("/places", "Safe places", Roles.Member),
        new("/warnings", "Warnings", Roles.Member),
        new("/account", "My account", Roles.Member),
        new("/members", "Members", Roles.Defender),
        new("/console/alerts", "Alerts console", Roles.Defender),
        new("/incidents", "Incidents", Roles.Documenter),
        new("/perpetrators", "Perpetrators", Roles.Defender),
        new("/cases", "Cases", Roles.Defender),
        new("/console/warnings", "Warnings console", Roles.Defender),
        new("/research", "Research", Roles.Researcher),
    ];
}
