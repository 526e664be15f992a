namespace Kalkan.Incidents;

/// <summary>The closed vocabularies of an incident (contract.md), so counts add up across networks.</summary>
public static class IncidentCodes
{
    public static readonly IReadOnlyList<string> Violations =
    [
        "arbitrary_arrest", "sexual_violence", "raid", "physical_attack", "surveillance", "extortion",
        "threats", "confiscation", "health_denial", "eviction", "online_harassment", "policy_exclusion",
    ];

    public static readonly IReadOnlyList<string> PerpetratorKinds = ["police", "official", "client", "landlord", "family", "public", "unknown"];

    /// <summary>The defending work that seems to have drawn the attack (the Front Line Defenders report's triggers).</summary>
    public static readonly IReadOnlyList<string> Triggers =
        ["responding_to_attack", "safe_space", "health_access", "rights_training", "police_reform_advocacy", "complaint_support"];

    public const string Day = "day", Month = "month", Year = "year";
    public const string Draft = "draft", Sealed = "sealed";
    public const string Victim = "victim", Witness = "witness";
}
