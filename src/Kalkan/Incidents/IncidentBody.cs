namespace Kalkan.Incidents;

/// <summary>What a version says that could point at a person or a place: serialised to JSON and sealed as one value.</summary>
public sealed record IncidentBody(
    string? Place,
    double? Lat,
    double? Lon,
    string? Narrative,
    List<string?> ActDetails,
    List<StatedPerpetrator> Perpetrators,
    Guid ConsentRecordedBy,
    string? Correction);

/// <summary>A perpetrator as this incident describes him (the profile keeps what was first said).</summary>
public sealed record StatedPerpetrator(string Kind, string? Unit, string? Badge, string? VehiclePlate, string? Description);
