using System.Diagnostics;
using System.Text.Json;
using Kalkan.Stats;

namespace Kalkan.Bench;

/// <summary>
/// Issues 3 and 15: the research analysis of a 1,000,000-respondent survey (12 outcomes, 4 strata).
/// In-process: import and analysis with Kalkan.Stats, cold and warm. Whole processes, timed by
/// hyperfine: `kalkan analyze` (a ReadyToRun publish of the program) against `Rscript` doing the
/// same work with R's defaults (RBaseline), each from start to exit, each writing every figure.
/// Every figure R writes is then held against Kalkan's JSON; a relative difference of 1e-6 or more
/// fails the run.
/// </summary>
static class ResearchBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int respondents = Option(args, "--respondents", 1_000_000);
        int runs = Option(args, "--runs", 7);
        bool keep = args.Contains("--keep"), withR = !args.Contains("--no-r");
        string? kalkan = args.SkipWhile(a => a != "--kalkan").Skip(1).FirstOrDefault();

        string folder = Directory.CreateTempSubdirectory("kalkan-bench-").FullName;
        try
        {
            string csv = Path.Combine(folder, "survey.csv");
            SurveyGenerator.Write(csv, respondents);
            Console.WriteLine($"survey: {respondents:N0} respondents, {SurveyGenerator.Outcomes.Length} outcomes, 4 strata, {new FileInfo(csv).Length / 1e6:F1} MB at {csv}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {File.ReadAllText("/proc/loadavg").Trim()}");

            var times = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                await using (var stream = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
                    await Analysis.RunAsync(stream, new AnalysisOptions());
                times.Add(clock.Elapsed.TotalSeconds);
            }
            var warm = times.Skip(1).DefaultIfEmpty(times[0]).Order().ToList();
            Console.WriteLine($"in process, import+analysis: first {times[0]:F3} s, median {warm[warm.Count / 2]:F3} s of {warm.Count} warm runs");
            if (!withR) return 0;

            kalkan ??= await ServerBench.PublishReadyToRunAsync(folder);
            string script = Path.Combine(folder, "research.R"), kalkanOut = Path.Combine(folder, "kalkan.json"), rOut = Path.Combine(folder, "r.txt");
            await File.WriteAllTextAsync(script, RBaseline.Script);
            var (kalkanSeconds, kalkanCpu) = await HyperfineAsync(folder, "kalkan", 10, $"{kalkan} analyze --input {csv} --out {kalkanOut}");
            var (rSeconds, rCpu) = await HyperfineAsync(folder, "r", 3, $"Rscript {script} {csv} {rOut}");
            Console.WriteLine($"whole process (hyperfine, median wall time): kalkan analyze {kalkanSeconds:F3} s, Rscript {rSeconds:F2} s: R takes {rSeconds / kalkanSeconds:F1}x as long");
            Console.WriteLine($"CPU time (user + system, mean): kalkan analyze {kalkanCpu:F3} s, Rscript {rCpu:F2} s: {rCpu / kalkanCpu:F1}x; load average now {File.ReadAllText("/proc/loadavg").Trim()}");

            var (compared, worst, failures) = Compare(kalkanOut, rOut);
            Console.WriteLine($"agreement: {compared} figures compared, largest relative difference {worst:E1}");
            foreach (var failure in failures.Take(20)) Console.Error.WriteLine("FAILED: " + failure);
            return failures.Count == 0 ? 0 : 1;
        }
        finally
        {
            if (keep) Console.WriteLine($"kept {folder}");
            else Directory.Delete(folder, recursive: true);
        }
    }

    static async Task<(double Median, double Cpu)> HyperfineAsync(string folder, string name, int runs, string command)
    {
        var export = Path.Combine(folder, name + ".hyperfine.json");
        using var hyperfine = Process.Start(new ProcessStartInfo("hyperfine", ["-N", "--warmup", "1", "--runs", runs.ToString(), "--export-json", export, command]))
                              ?? throw new InvalidOperationException("hyperfine is missing: apt-get install hyperfine");
        await hyperfine.WaitForExitAsync();
        if (hyperfine.ExitCode != 0) throw new InvalidOperationException($"FAILED: hyperfine or the command failed: {command}");
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(export));
        var figures = result.RootElement.GetProperty("results")[0];
        return (figures.GetProperty("median").GetDouble(), figures.GetProperty("user").GetDouble() + figures.GetProperty("system").GetDouble());
    }

    /// <summary>Every figure of R's against the same one in Kalkan's JSON.</summary>
    static (int Compared, double Worst, List<string> Failures) Compare(string kalkanJson, string rFigures)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(kalkanJson));
        var failures = new List<string>();
        double worst = 0;
        int compared = 0;
        foreach (var ((outcome, level, stratum, field), expected) in RBaseline.Read(rFigures))
        {
            var o = json.RootElement.GetProperty("outcomes").EnumerateArray().First(x => x.GetProperty("outcome").GetString() == outcome);
            var holder = level switch
            {
                "stratum" => o.GetProperty("strata").EnumerateArray().First(t => t.GetProperty("stratum").GetString() == stratum),
                _ => o.GetProperty(level),
            };
            var actual = holder.GetProperty(field);
            compared++;
            if (double.IsNaN(expected))
            {
                if (actual.ValueKind != JsonValueKind.Null) failures.Add($"{outcome} {level} {stratum} {field}: R gives NA, Kalkan {actual}");
                continue;
            }
            if (actual.ValueKind != JsonValueKind.Number) { failures.Add($"{outcome} {level} {stratum} {field}: R gives {expected:R}, Kalkan {actual}"); continue; }
            double value = actual.GetDouble();
            // R prints 0 for a p below the double range; Kalkan writes it with its log10 beside it.
            if (expected == 0 && holder.TryGetProperty(field + "Log10", out var log10) && log10.GetDouble() < -300) continue;
            double relative = value == expected ? 0 : Math.Abs(value - expected) / Math.Max(Math.Abs(value), Math.Abs(expected));
            worst = Math.Max(worst, relative);
            if (relative >= 1e-6) failures.Add($"{outcome} {level} {stratum} {field}: R {expected:R}, Kalkan {value:R} (relative {relative:E1})");
        }
        return (compared, worst, failures);
    }

    static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
    }
}
