namespace Kalkan.Incidents;

/// <summary>
/// Badges and plates as people write them down: "01 KG 123-ABC", "01kg123abc" and the same plate
/// typed with Cyrillic letters that look Latin are one plate. The blind index is computed over
/// this form, so a match never depends on spacing, case or keyboard.
/// </summary>
public static class Identifiers
{
    // Cyrillic capitals that plates and badges share with Latin ones, by shape.
    static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o',
        ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's',
    };

    public static string Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (!char.IsLetterOrDigit(c)) continue;
            builder.Append(LookAlikes.GetValueOrDefault(c, c));
        }
        return builder.ToString();
    }
}
