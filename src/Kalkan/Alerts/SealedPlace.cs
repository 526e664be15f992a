using System.Buffers.Binary;

namespace Kalkan.Alerts;

/// <summary>
/// A place sealed in its row's "position" column: the two coordinates as 16 bytes (exact, no text
/// formatting), so a seized store does not say where police were reported or which places the
/// network named. Active alerts and landmarks are few: they are opened in memory to be merged.
/// </summary>
public sealed class SealedPlace(FieldCipher cipher)
{
    public const string Column = "position";

    public byte[] Seal(string table, Guid row, double lat, double lon)
    {
        Span<byte> plain = stackalloc byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(plain, lat);
        BinaryPrimitives.WriteDoubleLittleEndian(plain[8..], lon);
        return cipher.Encrypt(plain, new FieldRef(table, Column, row));
    }

    public (double Lat, double Lon) Open(string table, Guid row, byte[] sealedPlace)
    {
        var plain = cipher.Decrypt(sealedPlace, new FieldRef(table, Column, row));
        return (BinaryPrimitives.ReadDoubleLittleEndian(plain), BinaryPrimitives.ReadDoubleLittleEndian(plain.AsSpan(8)));
    }

    public (double Lat, double Lon) Of(Alert alert) => Open(Alert.Table, alert.Id, alert.PositionSealed);

    public (double Lat, double Lon) Of(Landmark landmark) => Open(Landmark.Table, landmark.Id, landmark.PositionSealed);
}
