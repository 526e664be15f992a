namespace Kalkan.Circles;

/// <summary>
/// The one place that turns member ids, positions and notes of circles into blind indexes and
/// sealed bytes and back. Each column has its own index key, so a seized store cannot join her
/// circle links, her SOS calls and her check-ins on one value.
/// </summary>
public sealed class CircleSeal(FieldCipher cipher, BlindIndex blind)
{
    byte[] IndexOf(string table, string column, Guid member) => blind.Compute(table, column, member.ToString("N"));

    public byte[] LinkOwnerIndex(Guid owner) => IndexOf(CircleLink.Table, CircleLink.OwnerColumn, owner);
    public byte[] LinkMemberIndex(Guid member) => IndexOf(CircleLink.Table, CircleLink.MemberColumn, member);
    public byte[] SosOwnerIndex(Guid owner) => IndexOf(SosCall.Table, SosCall.OwnerColumn, owner);
    public byte[] CheckinOwnerIndex(Guid owner) => IndexOf(Checkin.Table, Checkin.OwnerColumn, owner);

    byte[] Seal(string table, string column, Guid row, string value) => cipher.Encrypt(value, new FieldRef(table, column, row));

    string? Open(string table, string column, Guid row, byte[]? value) =>
        value is null ? null : cipher.DecryptString(value, new FieldRef(table, column, row));

    Guid OpenId(string table, string column, Guid row, byte[] value) => Guid.Parse(Open(table, column, row, value)!);

    public CircleLink NewLink(Guid owner, Guid member, string handle, DateTimeOffset now)
    {
        var link = new CircleLink { OwnerIndex = LinkOwnerIndex(owner), MemberIndex = LinkMemberIndex(member), PairSealed = [], HandleSealed = [], CreatedAt = now };
        link.PairSealed = Seal(CircleLink.Table, CircleLink.PairColumn, link.Id, $"{owner:N}:{member:N}");
        link.HandleSealed = Seal(CircleLink.Table, CircleLink.HandleColumn, link.Id, handle);
        return link;
    }

    public (Guid Owner, Guid Member) PairOf(CircleLink link)
    {
        var pair = Open(CircleLink.Table, CircleLink.PairColumn, link.Id, link.PairSealed)!.Split(':');
        return (Guid.Parse(pair[0]), Guid.Parse(pair[1]));
    }

    /// <summary>The handle she typed when she invited (shown while it is pending).</summary>
    public string InvitedHandleOf(CircleLink link) => Open(CircleLink.Table, CircleLink.HandleColumn, link.Id, link.HandleSealed)!;

    public SosCall NewCall(Guid owner, (double Lat, double Lon)? position, string? note, DateTimeOffset now)
    {
        var call = new SosCall { OwnerIndex = SosOwnerIndex(owner), OwnerSealed = [], CreatedAt = now };
        call.OwnerSealed = Seal(SosCall.Table, SosCall.OwnerColumn, call.Id, owner.ToString("N"));
        if (position is { } p) call.PositionSealed = Seal(SosCall.Table, SosCall.PositionColumn, call.Id, Places.Format(p.Lat, p.Lon));
        if (note is not null) call.NoteSealed = Seal(SosCall.Table, SosCall.NoteColumn, call.Id, note);
        return call;
    }

    public Guid OwnerOf(SosCall call) => OpenId(SosCall.Table, SosCall.OwnerColumn, call.Id, call.OwnerSealed);
    public (double Lat, double Lon)? PositionOf(SosCall call) => Places.Parse(Open(SosCall.Table, SosCall.PositionColumn, call.Id, call.PositionSealed));
    public string? NoteOf(SosCall call) => Open(SosCall.Table, SosCall.NoteColumn, call.Id, call.NoteSealed);

    public SosResponse NewResponse(Guid sosId, Guid responder, string kind, DateTimeOffset now)
    {
        var response = new SosResponse { SosId = sosId, Kind = kind, ResponderSealed = [], At = now };
        response.ResponderSealed = Seal(SosResponse.Table, SosResponse.ResponderColumn, response.Id, responder.ToString("N"));
        return response;
    }

    public Guid ResponderOf(Guid responseId, byte[] responderSealed) => OpenId(SosResponse.Table, SosResponse.ResponderColumn, responseId, responderSealed);

    public Checkin NewCheckin(Guid owner, DateTimeOffset due, (double Lat, double Lon)? position, string? note, DateTimeOffset now)
    {
        var checkin = new Checkin { OwnerIndex = CheckinOwnerIndex(owner), OwnerSealed = [], DueAt = due, CreatedAt = now };
        checkin.OwnerSealed = Seal(Checkin.Table, Checkin.OwnerColumn, checkin.Id, owner.ToString("N"));
        if (note is not null) checkin.NoteSealed = Seal(Checkin.Table, Checkin.NoteColumn, checkin.Id, note);
        if (position is { } p) checkin.PositionSealed = Seal(Checkin.Table, Checkin.PositionColumn, checkin.Id, Places.Format(p.Lat, p.Lon));
        return checkin;
    }

    public Guid OwnerOf(Checkin checkin) => OpenId(Checkin.Table, Checkin.OwnerColumn, checkin.Id, checkin.OwnerSealed);
    public (double Lat, double Lon)? PositionOf(Checkin checkin) => Places.Parse(Open(Checkin.Table, Checkin.PositionColumn, checkin.Id, checkin.PositionSealed));
    public string? NoteOf(Checkin checkin) => Open(Checkin.Table, Checkin.NoteColumn, checkin.Id, checkin.NoteSealed);
}
