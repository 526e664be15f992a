using System.Diagnostics;
using Kalkan.Stats;

namespace Kalkan.Bench;

/// <summary>
/// Import and full analysis of a 1,000,000-respondent survey (12 outcomes, 4 strata): time and
/// memory here, then the same in R, and the ratio.
/// </summary>
static class ResearchBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int respondents = Option(args, "--respondents", 1_000_000);
        int runs = Option(args, "--runs", 7);
        bool keep = args.Contains("--keep"), withR = !args.Contains("--no-r");

        string folder = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            string csv = Path.Combine(folder, "survey.csv");
            SurveyGenerator.Write(csv, respondents);
            Console.WriteLine($"survey: {respondents:N0} respondents, {SurveyGenerator.Outcomes.Length} outcomes, 4 strata, {new FileInfo(csv).Length / 1e6:F1} MB at {csv}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

            var times = new List<double>();
            AnalysisResult? result = null;
            long allocated = 0;
            for (int i = 0; i < runs; i++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                await using (var stream = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
                    result = await Analysis.RunAsync(stream, new AnalysisOptions());
                clock.Stop();
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                times.Add(clock.Elapsed.TotalSeconds);
            }
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            double first = times[0];
            var warm = times.Skip(1).DefaultIfEmpty(first).Order().ToList();
            double median = warm[warm.Count / 2], best = warm[0];
            Console.WriteLine($"kalkan import+analysis: first (cold) {first:F3} s, best {best:F3} s, median {median:F3} s of {warm.Count} warm runs");
            Console.WriteLine($"kalkan memory: peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MiB (whole process), {allocated / 1048576.0:F1} MiB allocated per run");

            if (!withR) return 0;
            var r = await RBaseline.RunAsync(csv, folder);
            if (r is null)
            {
                Console.WriteLine("R: Rscript not found (apt-get install -y r-base-core); no ratio.");
                return 0;
            }
            Console.WriteLine($"R {r.Version}: analysis {r.ScriptSeconds:F2} s in the script, {r.ProcessSeconds:F2} s with R's start");
            Console.WriteLine($"ratio: R is {r.ScriptSeconds / median:F1}x slower (its script time / kalkan's median), {r.ProcessSeconds / first:F1}x (R's whole process / kalkan's first, cold run)");
            Console.WriteLine($"agreement: largest relative difference of the Mantel-Haenszel odds ratios from R's: {Agreement(result!, r):E1}");
            return 0;
        }
        finally
        {
            if (keep) Console.WriteLine($"kept {folder}");
            else Directory.Delete(folder, recursive: true);
        }
    }

    static double Agreement(AnalysisResult result, RBaseline.Run r) => result.Outcomes
        .Where(o => o.MantelHaenszel.OddsRatio is not null && r.MantelHaenszel.ContainsKey(o.Outcome))
        .Select(o => Math.Abs(o.MantelHaenszel.OddsRatio!.Value / r.MantelHaenszel[o.Outcome] - 1))
        .DefaultIfEmpty(double.NaN).Max();

    static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
    }
}
