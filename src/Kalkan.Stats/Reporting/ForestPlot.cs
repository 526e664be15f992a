using System.Globalization;
using System.Net;
using System.Text;

namespace Kalkan.Stats.Reporting;

/// <summary>One line of a forest plot: a label and an odds ratio with its interval, if any.</summary>
public sealed record ForestRow(string Label, double? Estimate, double? Low, double? High, bool Pooled);

/// <summary>
/// Draws a forest plot as inline SVG: odds ratios as squares (the pooled one as a diamond) with
/// their 95% intervals on a logarithmic axis, a line at 1. Presentation attributes only (no
/// style element or script), so it shows under a strict Content-Security-Policy.
/// </summary>
public static class ForestPlot
{
    const int LabelWidth = 190, PlotWidth = 380, TextWidth = 150, RowHeight = 26, Top = 10, AxisHeight = 34;
    const string Ink = "#1b1b1b", Mark = "#1f4e79", Grid = "#b8b8b8";
    static readonly double[] Ticks = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    public static string Svg(IReadOnlyList<ForestRow> rows, string title, ReportText text)
    {
        var drawn = rows.Where(r => r.Low is > 0 && r.High is { } h && double.IsFinite(h)).ToList();
        double min = Math.Min(0.5, drawn.Select(r => r.Low!.Value).DefaultIfEmpty(1).Min());
        double max = Math.Max(2, drawn.Select(r => r.High!.Value).DefaultIfEmpty(1).Max());
        // Wild intervals from tiny strata would squash everything else: clip them at 0.01..1000.
        min = Math.Max(0.01, min / 1.15);
        max = Math.Min(1000, max * 1.15);
        double X(double v) => LabelWidth + PlotWidth * (Math.Log(Math.Clamp(v, min, max)) - Math.Log(min)) / (Math.Log(max) - Math.Log(min));

        int height = Top + rows.Count * RowHeight + AxisHeight;
        int width = LabelWidth + PlotWidth + TextWidth;
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"forest-plot\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\">");
        svg.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        int bottom = Top + rows.Count * RowHeight;
        foreach (double tick in Ticks.Where(t => t >= min && t <= max))
        {
            string x = N(X(tick));
            svg.Append($"<line x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"{(tick == 1 ? Ink : Grid)}\" stroke-width=\"{(tick == 1 ? 1.2 : 0.6)}\"{(tick == 1 ? "" : " stroke-dasharray=\"3 3\"")}/>");
            svg.Append($"<text x=\"{x}\" y=\"{bottom + 18}\" text-anchor=\"middle\" fill=\"{Ink}\">{tick.ToString("0.##", text.Culture)}</text>");
        }
        for (int i = 0; i < rows.Count; i++) Row(svg, rows[i], Top + i * RowHeight + RowHeight / 2, X, text);
        return svg.Append("</svg>").ToString();
    }

    static void Row(StringBuilder svg, ForestRow row, int y, Func<double, double> x, ReportText text)
    {
        svg.Append($"<text x=\"4\" y=\"{y + 4}\" fill=\"{Ink}\"{(row.Pooled ? " font-weight=\"bold\"" : "")}>{WebUtility.HtmlEncode(Clip(row.Label))}</text>");
        string right = N(LabelWidth + PlotWidth + 8);
        if (row is not { Estimate: { } estimate, Low: { } low, High: { } high } || !(low > 0) || !double.IsFinite(high))
        {
            string missing = row.Estimate is { } e ? text.Ratio(e) : text["NotEstimable"];
            svg.Append($"<text x=\"{right}\" y=\"{y + 4}\" fill=\"{Ink}\">{WebUtility.HtmlEncode(missing)}</text>");
            return;
        }
        string x1 = N(x(low)), x2 = N(x(high)), cx = N(x(estimate));
        svg.Append($"<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"{Mark}\" stroke-width=\"1.6\"/>");
        if (row.Pooled)
            svg.Append($"<polygon points=\"{x1},{y} {cx},{y - 7} {x2},{y} {cx},{y + 7}\" fill=\"{Mark}\"/>");
        else
            svg.Append($"<rect x=\"{N(x(estimate) - 5)}\" y=\"{y - 5}\" width=\"10\" height=\"10\" fill=\"{Mark}\"/>");
        string label = $"{text.Ratio(estimate)} ({text.Ratio(low)}–{text.Ratio(high)})";
        svg.Append($"<text x=\"{right}\" y=\"{y + 4}\" fill=\"{Ink}\">{WebUtility.HtmlEncode(label)}</text>");
    }

    static string Clip(string label) => label.Length > 26 ? label[..25] + "…" : label;

    static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
