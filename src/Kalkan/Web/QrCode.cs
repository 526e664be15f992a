using QRCoder;

namespace Kalkan.Web;

/// <summary>A QR code as a PNG data: URI, which the CSP admits (img-src data:) where inline SVG styles would not be.</summary>
public static class QrCode
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
