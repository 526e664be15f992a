namespace Kalkan.Stats.Survey;

/// <summary>
/// A survey file the analysis cannot read, pointing at the place to fix: the 1-based row as a
/// spreadsheet shows it (the header is row 1) and the column's name.
/// </summary>
public sealed class SurveyFormatException(long row, string column, string detail)
    : Exception($"Row {row}, column \"{column}\": {detail}")
{
    public long Row { get; } = row;
    public string Column { get; } = column;
    public string Detail { get; } = detail;
}
