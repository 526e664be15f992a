namespace Kalkan.Stats.Reporting;

/// <summary>How a published count is shown, in every format alike.</summary>
public static class Cells
{
    public const string UnderFive = "<5";
    public const string Withheld = "withheld";

    public static string Hidden(TableResult table, int cell) =>
        (table.SmallCells & (1 << cell)) != 0 ? UnderFive : Withheld;

    /// <summary>The count as text, or its published stand-in.</summary>
    public static string Show(TableResult table, int cell) =>
        table.IsHidden(cell) ? Hidden(table, cell) : table.Table[cell].ToString(System.Globalization.CultureInfo.InvariantCulture);
}
