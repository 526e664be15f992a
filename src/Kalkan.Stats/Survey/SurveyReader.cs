using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Kalkan.Stats.Survey;

/// <summary>
/// Reads a survey CSV (KoboToolbox/ODK export) as a stream and counts it into 2x2 tables on the
/// way, so memory stays flat however many respondents there are.
/// </summary>
public static class SurveyReader
{
    const int InitialBuffer = 1 << 20;
    const int MaxRecord = 64 << 20;

    public static async Task<SurveyCounts> ReadAsync(Stream csv, AnalysisOptions options, CancellationToken cancellationToken = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            SurveyRows? rows = null;
            long row = 0;
            int start = 0, end = 0;
            bool final = false, bomChecked = false;
            while (!final)
            {
                if (start > 0) { buffer.AsSpan(start, end - start).CopyTo(buffer); end -= start; start = 0; }
                if (end == buffer.Length) buffer = Grow(buffer, row + 1);
                int read = await csv.ReadAsync(buffer.AsMemory(end), cancellationToken);
                final = read == 0;
                end += read;
                if (!bomChecked)
                {
                    if (end < 3 && !final) continue;
                    if (end >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8)) start = 3; // Excel's UTF-8 mark
                    bomChecked = true;
                }
                start += Consume(buffer.AsSpan(start, end - start), final, options, ref rows, ref row);
            }
            if (rows is null) throw new SurveyFormatException(1, options.Exposure, "The file is empty: it needs a header row and one row per respondent.");
            return rows.ToCounts(row);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Hands every complete record to the header or row reader; returns the bytes used. Fully
    // optimised at once, for the reason TryAddPlain is.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static int Consume(ReadOnlySpan<byte> data, bool final, AnalysisOptions options, ref SurveyRows? rows, ref long row)
    {
        int used = 0;
        while (used < data.Length)
        {
            var rest = data[used..];
            // A record without quotes ends at its newline; only one with quotes needs walking.
            int stop = rest.IndexOfAny((byte)'\n', (byte)'"');
            bool plain = stop >= 0 && rest[stop] == (byte)'\n';
            int length = plain ? stop : CsvFields.RecordLength(rest, final);
            if (length < 0) break;
            var record = rest[..length];
            if (!record.IsEmpty && record[^1] == (byte)'\r') record = record[..^1];
            row++;
            if (rows is null) rows = SurveyRows.FromHeader(record, options);
            else if (!plain || !rows.TryAddPlain(record)) rows.Add(record, row);
            used += Math.Min(length + 1, rest.Length);
        }
        return used;
    }

    static byte[] Grow(byte[] buffer, long row)
    {
        if (buffer.Length >= MaxRecord)
            throw new SurveyFormatException(row, "", $"The row is longer than {MaxRecord >> 20} MiB; is a quote left open?");
        byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    internal static string Show(ReadOnlySpan<byte> value)
    {
        string text = Encoding.UTF8.GetString(value).Trim();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
