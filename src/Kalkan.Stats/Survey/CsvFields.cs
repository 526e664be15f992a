namespace Kalkan.Stats.Survey;

/// <summary>
/// Walks the fields of one CSV record (RFC 4180: quoted fields may hold separators, newlines and
/// doubled quotes) as spans of the raw bytes. Quoted fields are unescaped into a scratch buffer
/// that the next field reuses, so a field must be used before asking for the next one.
/// </summary>
internal ref struct CsvFields(ReadOnlySpan<byte> record, byte separator, Span<byte> scratch)
{
    ReadOnlySpan<byte> rest = record;
    bool more = true;
    readonly Span<byte> scratch = scratch;

    public bool Next(out ReadOnlySpan<byte> field)
    {
        field = default;
        if (!more) return false;
        if (!rest.IsEmpty && rest[0] == (byte)'"') return NextQuoted(out field);
        int end = rest.IndexOf(separator);
        if (end < 0) { field = rest; more = false; }
        else { field = rest[..end]; rest = rest[(end + 1)..]; }
        return true;
    }

    bool NextQuoted(out ReadOnlySpan<byte> field)
    {
        int written = 0, i = 1;
        while (i < rest.Length)
        {
            byte b = rest[i];
            if (b == (byte)'"')
            {
                if (i + 1 < rest.Length && rest[i + 1] == (byte)'"') { Put(ref written, b); i += 2; continue; }
                i++;
                break;
            }
            Put(ref written, b);
            i++;
        }
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        int end = rest[i..].IndexOf(separator);
        var tail = end < 0 ? rest[i..] : rest[i..(i + end)];
        foreach (byte b in tail) Put(ref written, b);
        if (end < 0) more = false; else rest = rest[(i + end + 1)..];
        field = scratch[..Math.Min(written, scratch.Length)];
        return true;
    }

    // A quoted field longer than the scratch is cut: no yes/no answer or stratum is that long,
    // and the cut value still fails to parse with a clear message.
    readonly void Put(ref int written, byte b)
    {
        if (written < scratch.Length) scratch[written] = b;
        written++;
    }

    /// <summary>
    /// The length of the first record in <paramref name="data"/> up to (not including) its '\n',
    /// honouring quotes; -1 when the record may continue beyond the data.
    /// </summary>
    public static int RecordLength(ReadOnlySpan<byte> data, bool final)
    {
        int newline = data.IndexOf((byte)'\n');
        var line = newline < 0 ? data : data[..newline];
        if (line.IndexOf((byte)'"') < 0) return newline >= 0 ? newline : final ? data.Length : -1;
        bool quoted = false;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == (byte)'"') quoted = !quoted;
            else if (data[i] == (byte)'\n' && !quoted) return i;
        }
        return final ? data.Length : -1;
    }

    /// <summary>The separator of a header line: the most frequent of comma, semicolon (Kobo's
    /// default) and tab outside quotes.</summary>
    public static byte DetectSeparator(ReadOnlySpan<byte> header)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        foreach (byte b in header)
        {
            if (b == (byte)'"') quoted = !quoted;
            else if (!quoted && b == (byte)',') commas++;
            else if (!quoted && b == (byte)';') semicolons++;
            else if (!quoted && b == (byte)'\t') tabs++;
        }
        if (semicolons > commas && semicolons >= tabs) return (byte)';';
        return tabs > commas ? (byte)'\t' : (byte)',';
    }
}
