namespace Kalkan.Incidents;

/// <summary>One version of an incident as the API and the pages show it, with the list of every version.</summary>
public sealed record IncidentView(
    Guid Id, int Version, string State, string OccurredOn, string DatePrecision,
    string? Place, double? Lat, double? Lon, string? District,
    List<string> Violations, List<ActView> Acts, string? Narrative,
    List<PersonView> Victims, List<PersonView> Witnesses, List<PerpetratorView> Perpetrators,
    string? Trigger, ConsentView Consent, string? Correction,
    DateTimeOffset CreatedAt, DateTimeOffset? SealedAt,
    /// <summary>SHA-256 of the sealed version as stored, the value its audit entry carries; null for a draft.</summary>
    string? Fingerprint,
    List<VersionSummary> Versions);

public sealed record ActView(string Code, string? Details);

public sealed record PersonView(string Pseudonym, Guid Person, bool? Defender);

public sealed record PerpetratorView(Guid Profile, string Kind, string? Unit, string? Badge, string? VehiclePlate, string? Description);

public sealed record ConsentView(bool Aggregate, bool Advocacy, bool Legal, Guid RecordedBy, DateTimeOffset RecordedAt);

public sealed record VersionSummary(int Version, string State, DateTimeOffset CreatedAt, DateTimeOffset? SealedAt);

/// <summary>A line of a search: enough to choose, nothing that tells the story.</summary>
public sealed record IncidentSummary(Guid Id, int Version, string State, string OccurredOn, string? District, List<string> Violations, List<Guid> Profiles);

/// <summary>A perpetrator just recorded without a profile whose badge or plate a known profile shares: linking is suggested.</summary>
public sealed record LinkSuggestion(int Perpetrator, Guid Profile, string Kind, List<string> MatchedOn);

public sealed record CreatedIncident(Guid Id, int Version, string State, List<LinkSuggestion> Suggestions);
