namespace Kalkan.Circles;

/// <summary>
/// What her circle and the defenders hear of a call, written once: the live event, the stream's
/// greeting, the timers and the duress alarm all send these shapes.
/// </summary>
static class CallEvents
{
    public const string Sos = "sos", Missed = "checkin-missed", Response = "sos-response", Resolved = "sos-resolved";

    /// <summary>Why a check-in alarm went out: it fell due, or she said her duress passphrase.</summary>
    public const string MissedReason = "missed", DuressReason = "duress";

    public static object SosPayload(Guid id, string handle, (double Lat, double Lon)? position, string? note, DateTimeOffset at) =>
        new { id, handle, lat = position?.Lat, lon = position?.Lon, note, at };

    public static MissedView MissedView(Checkin checkin, string handle, CircleSeal seal)
    {
        var position = seal.PositionOf(checkin);
        return new MissedView(checkin.Id, handle, checkin.DueAt, seal.NoteOf(checkin), position?.Lat, position?.Lon);
    }

    public static object MissedPayload(MissedView view, string reason) =>
        new { id = view.Id, handle = view.Handle, dueAt = view.DueAt, note = view.Note, lat = view.Lat, lon = view.Lon, reason };

    public static object MissedPayload(Checkin checkin, string handle, string reason, CircleSeal seal) => MissedPayload(MissedView(checkin, handle, seal), reason);
}
