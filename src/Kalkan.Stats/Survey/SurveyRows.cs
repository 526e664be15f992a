using System.Runtime.CompilerServices;
using System.Text;

namespace Kalkan.Stats.Survey;

/// <summary>The header's meaning, and the counting of the rows under it.</summary>
internal sealed class SurveyRows
{
    const int Ignored = -1, ExposureColumn = -2, StrataColumn = -3;

    readonly string[] headers;
    readonly int[] roles; // per column: an outcome's number, or one of the constants above
    readonly byte separator;
    readonly AnswerCodes codes;
    readonly string exposure;
    readonly string? strataColumn;
    readonly string[] outcomes;
    readonly StrataIndex strata;
    readonly sbyte[] answers;
    readonly byte[] scratch = new byte[1024];
    long[] cells;
    long respondents, leftOut;

    SurveyRows(string[] headers, byte separator, AnalysisOptions options)
    {
        this.headers = headers;
        this.separator = separator;
        codes = options.Codes;
        exposure = options.Exposure;
        strataColumn = string.IsNullOrWhiteSpace(options.Strata) ? null : options.Strata;
        outcomes = [.. (options.Outcomes ?? SurveyColumns.DefaultOutcomes(headers, exposure, strataColumn)).Distinct()];
        strata = new StrataIndex(options.MaxStrata);
        answers = new sbyte[outcomes.Length];
        cells = new long[Math.Max(1, outcomes.Length) * 4 * 8];
        // Array.IndexOf gives -1, Ignored, for a column that is no outcome.
        roles = [.. headers.Select(h => h == exposure ? ExposureColumn : h == strataColumn ? StrataColumn : Array.IndexOf(outcomes, h))];
    }

    public static SurveyRows FromHeader(ReadOnlySpan<byte> record, AnalysisOptions options)
    {
        byte separator = CsvFields.DetectSeparator(record);
        var names = new List<string>();
        var fields = new CsvFields(record, separator, new byte[1 << 16]);
        while (fields.Next(out var field)) names.Add(Encoding.UTF8.GetString(field).Trim());
        string[] headers = [.. names];

        string? duplicate = headers.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1 && g.Key.Length > 0)?.Key;
        if (duplicate is not null) throw new SurveyFormatException(1, duplicate, "Two columns have this name; rename one.");
        Require(headers, options.Exposure, "the exposure");
        if (!string.IsNullOrWhiteSpace(options.Strata))
        {
            Require(headers, options.Strata, "the strata");
            if (options.Strata == options.Exposure) throw new SurveyFormatException(1, options.Strata, "The exposure cannot also be the strata.");
        }
        foreach (string outcome in options.Outcomes ?? [])
        {
            Require(headers, outcome, "an outcome");
            if (outcome == options.Exposure || outcome == options.Strata)
                throw new SurveyFormatException(1, outcome, "An outcome cannot also be the exposure or the strata.");
        }
        var rows = new SurveyRows(headers, separator, options);
        if (rows.outcomes.Length == 0) throw new SurveyFormatException(1, options.Exposure, "There is no outcome column to analyse.");
        return rows;
    }

    static void Require(string[] headers, string column, string role)
    {
        if (!headers.Contains(column))
            throw new SurveyFormatException(1, column, $"There is no column named \"{column}\" for {role}; the header has: {string.Join(", ", headers.Take(30))}.");
    }

    public void Add(ReadOnlySpan<byte> record, long row)
    {
        if (record.IsEmpty) return; // a blank line holds no respondent
        var fields = new CsvFields(record, separator, scratch);
        Answer exposed = Answer.Blank;
        int stratum = strataColumn is null ? 0 : -1, column = 0;
        answers.AsSpan().Fill((sbyte)Answer.Blank);
        while (fields.Next(out var cell))
        {
            if (column >= headers.Length)
                throw new SurveyFormatException(row, $"#{column + 1} (after \"{headers[^1]}\")", $"The row has more values than the header has columns ({headers.Length}).");
            int role = roles[column];
            if (role >= 0) answers[role] = (sbyte)Read(cell, row, column);
            else if (role == ExposureColumn) exposed = Read(cell, row, column);
            else if (role == StrataColumn) stratum = strata.Find(cell)
                ?? throw new SurveyFormatException(row, headers[column], "More than the allowed number of different strata; is this the right strata column?");
            column++;
        }
        if (column < headers.Length)
            throw new SurveyFormatException(row, headers[column], $"The row ends after {column} values but the header has {headers.Length} columns.");

        Count(exposed, stratum);
    }

    /// <summary>
    /// Counts a record without quotes whose answers are all 1, 0 or blank, as nearly every row of
    /// an export is, in one pass with no parsing beyond a byte per answer. False, having counted
    /// nothing, for anything else (labels, spaces, yes/no, a wrong number of cells): the full
    /// reader then reads it, or says what is wrong.
    /// </summary>
    /// <remarks>
    /// Compiled fully optimised on first use: as ReadyToRun code it would call the span helpers
    /// of CoreLib through stubs a million times before the runtime got round to recompiling it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAddPlain(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty) return true;
        // No blanking of the answers first: a record counted here set every outcome's cell.
        Answer exposed = Answer.Blank;
        int stratum = strataColumn is null ? 0 : -1, start = 0;
        for (int column = 0; ; column++)
        {
            if (column >= roles.Length) return false;
            // Most cells are one byte or none: found without a search.
            int end = start == record.Length || record[start] == separator ? start
                : start + 1 == record.Length || record[start + 1] == separator ? start + 1
                : FieldEnd(record, start);
            var cell = record[start..end];
            int role = roles[column];
            if (role >= 0 || role == ExposureColumn)
            {
                sbyte answer = (sbyte)Answer.Blank;
                if (!cell.IsEmpty)
                {
                    // Yes (1) or No (0) straight from the digit: a branch on which one it is
                    // would be mispredicted half the time.
                    uint digit = (uint)(cell[0] - '0');
                    if (cell.Length != 1 || digit > 1) return false;
                    answer = (sbyte)digit;
                }
                if (role >= 0) answers[role] = answer; else exposed = (Answer)answer;
            }
            else if (role == StrataColumn)
            {
                if (strata.Find(cell) is not { } found) return false;
                stratum = found;
            }
            if (end == record.Length)
            {
                if (column + 1 < roles.Length) return false;
                break;
            }
            start = end + 1;
        }
        Count(exposed, stratum);
        return true;
    }

    // A byte loop: the cells left are a few bytes long, shorter than a vectorised search pays for.
    int FieldEnd(ReadOnlySpan<byte> record, int start)
    {
        int end = start;
        while (end < record.Length && record[end] != separator) end++;
        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void Count(Answer exposed, int stratum)
    {
        // Without exposure or stratum a respondent fits in no table; an unanswered outcome
        // leaves her out of that outcome only.
        if (exposed == Answer.Blank || stratum < 0) { leftOut++; return; }
        respondents++;
        int at = stratum * outcomes.Length * 4;
        while (at + outcomes.Length * 4 > cells.Length) Array.Resize(ref cells, cells.Length * 2);
        int exposedOffset = 2 - 2 * (int)exposed; // exposed first, as a branch would be mispredicted
        for (int o = 0; o < answers.Length; o++)
        {
            sbyte answer = answers[o];
            if (answer >= 0) cells[at + o * 4 + exposedOffset + 1 - answer]++; // Yes in the first column, No in the second
        }
    }

    Answer Read(ReadOnlySpan<byte> cell, long row, int column) => codes.TryRead(cell, out var answer) ? answer
        : throw new SurveyFormatException(row, headers[column],
            $"\"{SurveyReader.Show(cell)}\" is not an answer this analysis reads: use 1/0, yes/no, true/false, leave it blank, or map the label in a mapping file.");

    public SurveyCounts ToCounts(long rows)
    {
        if (respondents == 0)
            throw new SurveyFormatException(Math.Min(rows, 2), exposure, $"No respondent has both \"{exposure}\"{(strataColumn is null ? "" : $" and \"{strataColumn}\"")} answered: there is nothing to analyse.");
        int used = strata.Names.Count == 0 ? 1 : strata.Names.Count;
        IReadOnlyList<string> names = strataColumn is null ? ["all"] : strata.Names;
        return new SurveyCounts(exposure, strataColumn, outcomes, names, cells[..(used * outcomes.Length * 4)], respondents, leftOut);
    }
}
