using System.Text;
using Kalkan.Stats.Reporting;

namespace Kalkan.Stats.Tests;

/// <summary>Small surveys written inline, analysed the way the command line does.</summary>
static class Surveys
{
    public static Task<AnalysisResult> AnalyzeAsync(string csv, AnalysisOptions? options = null) =>
        Analysis.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), options ?? new AnalysisOptions());

    public static async Task<string> JsonAsync(string csv, AnalysisOptions? options = null) =>
        JsonReport.ToJson(await AnalyzeAsync(csv, options));

    /// <summary>A header and rows "country,defender,outcome..." repeated as often as asked.</summary>
    public static string Build(string header, params (string Row, int Times)[] rows)
    {
        var csv = new StringBuilder(header).Append('\n');
        foreach (var (row, times) in rows)
            for (int i = 0; i < times; i++) csv.Append(row).Append('\n');
        return csv.ToString();
    }

    /// <summary>The rows of one stratum for a 2x2 table (a, b, c, d) of one outcome.</summary>
    public static (string, int)[] Table(string stratum, int a, int b, int c, int d) =>
        [($"{stratum},1,1", a), ($"{stratum},1,0", b), ($"{stratum},0,1", c), ($"{stratum},0,0", d)];
}
