using System.Text.Json.Serialization;

namespace Kalkan.Alerts;

/// <summary>POST /api/v1/alerts: a kind, and a place as lat/lon or as a landmark's id; a note of at most 280 characters.</summary>
public sealed record ReportRequest(string? Kind, double? Lat, double? Lon, Guid? Landmark, string? Note);

/// <summary>A reporter's record as defenders see it: how her reports turned out, not who she is.</summary>
public sealed record TrackView(int Reports, int Verified, int Dismissed);

/// <summary>
/// An alert on the wire. The same JSON goes to every stream; <see cref="Mine"/>, <see cref="Confirmed"/>,
/// <see cref="Merged"/> and <see cref="Reporter"/> are filled only in answers to one caller.
/// </summary>
public sealed record AlertView(Guid Id, string Kind, double Lat, double Lon, string Status, DateTimeOffset ReportedAt, DateTimeOffset ExpiresAt,
    int Confirmations, int Required, string? Note, string? Landmark)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Mine { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Confirmed { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Merged { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TrackView? Reporter { get; init; }
}

public sealed record ExpiredView(Guid Id);

/// <summary>A cell of the history map: its centre, the kind, the hour of the week, how many alerts.</summary>
public sealed record HistoryCell(double Lat, double Lon, string Kind, int HourOfWeek, int Count);

public sealed record LandmarkView(Guid Id, string Name, double Lat, double Lon);

/// <summary>A landmark as the console manages it: <paramref name="View"/> is null when it was changed on disk and does not open.</summary>
public sealed record ManagedLandmark(Guid Id, LandmarkView? View);

public sealed record LandmarkRequest(string? Name, double? Lat, double? Lon);
