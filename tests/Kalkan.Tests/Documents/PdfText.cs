using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Kalkan.Tests.Documents;

/// <summary>
/// Just enough of PDF to read back what Chromium printed: its Flate streams inflated, the
/// ToUnicode maps of its fonts, and the glyph strings of its text turned back into characters.
/// Glyphs a map does not know come out as '?'; a test only looks for words it put in.
/// </summary>
public static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        var streams = Streams(pdf).ToList();
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var cmap in streams.Where(s => s.Contains("beginbfchar") || s.Contains("beginbfrange"))) Read(cmap, map);
        var text = new StringBuilder();
        foreach (var content in streams.Where(s => s.Contains(" Tf") && s.Contains("BT") && !s.Contains("begincmap")))
            foreach (var textObject in content.Split("ET\n"))
            {
                foreach (Match run in Glyphs().Matches(textObject))
                    for (var hex = run.Groups[1].Value; hex.Length >= 4; hex = hex[4..]) text.Append(map.GetValueOrDefault(hex[..4], "?"));
                text.Append('\n');
            }
        return text.ToString();
    }

    static IEnumerable<string> Streams(byte[] pdf)
    {
        var latin = Encoding.Latin1.GetString(pdf);
        for (var at = latin.IndexOf("stream", StringComparison.Ordinal); at >= 0; at = latin.IndexOf("stream", at + 6, StringComparison.Ordinal))
        {
            if (at >= 3 && latin.Substring(at - 3, 3) == "end") continue;
            var start = at + 6;
            if (start < latin.Length && latin[start] == '\r') start++;
            if (start < latin.Length && latin[start] == '\n') start++;
            var end = latin.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0) yield break;
            string? inflated = null;
            try
            {
                using var zlib = new ZLibStream(new MemoryStream(pdf, start, end - start), CompressionMode.Decompress);
                using var reader = new StreamReader(zlib, Encoding.Latin1);
                inflated = reader.ReadToEnd();
            }
            catch (InvalidDataException) { }
            if (inflated is not null) yield return inflated;
            at = end;
        }
    }

    static void Read(string cmap, Dictionary<string, string> map)
    {
        foreach (Match m in Sections("bfchar").Matches(cmap).SelectMany(s => BfChar().Matches(s.Value))) map.TryAdd(m.Groups[1].Value, Unicode(m.Groups[2].Value));
        foreach (Match m in Sections("bfrange").Matches(cmap).SelectMany(s => BfRange().Matches(s.Value)))
        {
            var (lo, hi) = (Convert.ToInt32(m.Groups[1].Value, 16), Convert.ToInt32(m.Groups[2].Value, 16));
            var first = Convert.ToInt32(m.Groups[3].Value, 16);
            for (var code = lo; code <= hi; code++) map.TryAdd(code.ToString("X4"), char.ConvertFromUtf32(first + code - lo));
        }
    }

    static Regex Sections(string kind) => new($"begin{kind}(.*?)end{kind}", RegexOptions.Singleline);

    static string Unicode(string hex) => Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex));

    [GeneratedRegex(@"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,})>")]
    private static partial Regex BfChar();
    [GeneratedRegex(@"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>")]
    private static partial Regex BfRange();
    [GeneratedRegex(@"<([0-9A-Fa-f]+)>")]
    private static partial Regex Glyphs();
}
