using System.Security.Claims;
using Kalkan.Members;

namespace Kalkan.Web;

/// <summary>The pages a signed-in person reaches from every page, by the least role that may open each. Features add theirs here.</summary>
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
        new("/account", "My account", Roles.Member),
        new("/members", "Members", Roles.Defender),
        new("/console/alerts", "Alerts console", Roles.Defender),
        new("/incidents", "Incidents", Roles.Documenter),
        new("/perpetrators", "Perpetrators", Roles.Defender),
        new("/research", "Research", Roles.Researcher),
    ];

    static readonly Dictionary<string, string[]> Admits = new()
    {
        [Roles.Member] = [.. Roles.All],
        [Roles.Documenter] = [Roles.Documenter, Roles.Defender, Roles.Admin],
        [Roles.Defender] = [Roles.Defender, Roles.Admin],
        [Roles.Researcher] = [Roles.Researcher, Roles.Admin],
        [Roles.Admin] = [Roles.Admin],
    };

    public static bool Allows(ClaimsPrincipal user, string policy) => Admits[policy].Any(user.IsInRole);
}
