namespace Kalkan.Identity.Members;

public static class Roles
{
    public const string Member = "member";
    public const string Defender = "defender";
    public const string Documenter = "documenter";
    public const string Researcher = "researcher";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Member, Defender, Documenter, Researcher, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);

    /// <summary>Roles whose powers wait for a second factor where the network requires one.</summary>
    public static bool NeedsSecondFactor(string role) => role is Defender or Admin;

    /// <summary>
    /// The one place a role is decided: her role, or a member's where the network requires a second
    /// factor of her role and she has none. Sessions, streams and push audiences all use this.
    /// </summary>
    public static string Effective(string role, bool secondFactor, bool networkRequires) =>
        networkRequires && !secondFactor && NeedsSecondFactor(role) ? Member : role;

    /// <summary>Whether this (effective) role attends every member's calls for help: defenders and admins.</summary>
    public static bool AttendsEveryone(string role) => Admitted[Defender].Contains(role);

    /// <summary>Which roles a policy named after a role admits: that role and the roles above it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Admitted = new Dictionary<string, string[]>
    {
        [Member] = [.. All],
        [Documenter] = [Documenter, Defender, Admin],
        [Defender] = [Defender, Admin],
        [Researcher] = [Researcher, Admin],
        [Admin] = [Admin],
    };
}
