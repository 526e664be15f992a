using System.Text;

namespace Kalkan.Stats.Survey;

/// <summary>What one cell says about a yes/no question.</summary>
public enum Answer : sbyte { Blank = -1, No = 0, Yes = 1 }

/// <summary>
/// Reads the yes/no cells of KoboToolbox and ODK exports: 1/0, yes/no, true/false in any case,
/// or a label the researcher mapped (e.g. "Да" = 1); blank, NA or N/A is not answered. Works on the raw UTF-8 bytes so that a
/// million rows do not allocate a million strings.
/// </summary>
public sealed class AnswerCodes(IReadOnlyDictionary<string, Answer> labels)
{
    public static readonly AnswerCodes Standard = new(new Dictionary<string, Answer>());

    readonly Dictionary<string, Answer>.AlternateLookup<ReadOnlySpan<char>> lookup =
        new Dictionary<string, Answer>(labels, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryRead(ReadOnlySpan<byte> cell, out Answer answer)
    {
        cell = cell.Trim((byte)' ');
        answer = Answer.Blank;
        if (cell.IsEmpty) return true;
        if (cell.Length == 1 && cell[0] == (byte)'1') { answer = Answer.Yes; return true; }
        if (cell.Length == 1 && cell[0] == (byte)'0') { answer = Answer.No; return true; }
        if (lookup.Dictionary.Count > 0 && TryLabel(cell, out answer)) return true;
        if (Ascii.EqualsIgnoreCase(cell, "yes"u8) || Ascii.EqualsIgnoreCase(cell, "true"u8)) { answer = Answer.Yes; return true; }
        if (Ascii.EqualsIgnoreCase(cell, "no"u8) || Ascii.EqualsIgnoreCase(cell, "false"u8)) { answer = Answer.No; return true; }
        // R's write.csv and some spreadsheets mark an unanswered question so.
        return Ascii.EqualsIgnoreCase(cell, "NA"u8) || Ascii.EqualsIgnoreCase(cell, "N/A"u8);
    }

    bool TryLabel(ReadOnlySpan<byte> cell, out Answer answer)
    {
        answer = Answer.Blank;
        if (cell.Length > 256) return false;
        Span<char> chars = stackalloc char[256];
        if (!Encoding.UTF8.TryGetChars(cell, chars, out int written)) return false;
        return lookup.TryGetValue(chars[..written], out answer);
    }

    /// <summary>
    /// The mapping file: one "label,meaning" a line, meaning 1/0/yes/no/true/false or blank (not
    /// answered); lines starting with # are comments. E.g. <c>Да,1</c> and <c>Не знаю,</c>.
    /// </summary>
    public static AnswerCodes Parse(TextReader mapping)
    {
        var labels = new Dictionary<string, Answer>(StringComparer.OrdinalIgnoreCase);
        int line = 0;
        for (string? text = mapping.ReadLine(); text is not null; text = mapping.ReadLine())
        {
            line++;
            if (text.Length == 0 || text.TrimStart().StartsWith('#')) continue;
            int comma = text.LastIndexOf(',');
            string label = (comma < 0 ? text : text[..comma]).Trim().Trim('"');
            string meaning = comma < 0 ? "" : text[(comma + 1)..].Trim().Trim('"');
            if (label.Length == 0) throw new SurveyFormatException(line, "label", "The mapping file has a line without a label.");
            if (!Standard.TryRead(Encoding.UTF8.GetBytes(meaning), out var answer))
                throw new SurveyFormatException(line, "meaning", $"\"{meaning}\" should be 1, 0 or empty (not answered).");
            labels[label] = answer;
        }
        return new AnswerCodes(labels);
    }
}
