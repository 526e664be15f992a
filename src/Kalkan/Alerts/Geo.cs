namespace Kalkan.Alerts;

/// <summary>Distances on the sphere and the coarse grid of the history map.</summary>
public static class Geo
{
    const double EarthRadiusMeters = 6_371_000;
    /// <summary>About 500 m of latitude.</summary>
    public const double CellDegrees = 0.0045;

    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A coordinate typed in a form: a point or a comma (as Russian keyboards give it); null when it is not a number.</summary>
    public static double? Parse(string? text) =>
        double.TryParse(text?.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool IsPlace(double? lat, double? lon) =>
        lat is { } y && lon is { } x && double.IsFinite(y) && double.IsFinite(x) && y is >= -90 and <= 90 && x is >= -180 and <= 180;

    /// <summary>The cell holding a point: rows of equal latitude, columns about 500 m wide at that row.</summary>
    public static (int Y, int X) CellOf(double lat, double lon)
    {
        var y = (int)Math.Floor(lat / CellDegrees);
        return (y, (int)Math.Floor(lon / ColumnDegrees(y)));
    }

    public static (double Lat, double Lon) CenterOf(int y, int x) => ((y + 0.5) * CellDegrees, (x + 0.5) * ColumnDegrees(y));

    static double ColumnDegrees(int y) => CellDegrees / Math.Max(Math.Cos((y + 0.5) * CellDegrees * Math.PI / 180), 0.01);
}
