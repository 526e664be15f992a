namespace Kalkan.Members;

public static class Roles
{
    public const string Member = "member";
    public const string Defender = "defender";
    public const string Documenter = "documenter";
    public const string Researcher = "researcher";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Member, Defender, Documenter, Researcher, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
