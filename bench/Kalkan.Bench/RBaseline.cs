using System.Diagnostics;
using System.Globalization;

namespace Kalkan.Bench;

/// <summary>
/// The same analysis in R, as a researcher would write it: read.csv, then per outcome
/// mantelhaen.test(correct = FALSE), fisher.test on the crude table and on every stratum.
/// Its Mantel-Haenszel estimates are read back to check that both computed the same thing.
/// </summary>
static class RBaseline
{
    public sealed record Run(double ScriptSeconds, double ProcessSeconds, Dictionary<string, double> MantelHaenszel, string Version);

    const string Script = """
        args <- commandArgs(TRUE)
        t0 <- Sys.time()
        d <- read.csv(args[1])
        outcomes <- setdiff(names(d), c("respondent_id", "country", "defender"))
        for (o in outcomes) {
          x <- table(factor(d$defender, levels = c(1, 0)), factor(d[[o]], levels = c(1, 0)), d$country)
          # table() counts in integers, and mantelhaen.test's products of them overflow to NA
          # at this size: doubles, as a careful analyst would make them.
          storage.mode(x) <- "double"
          mh <- mantelhaen.test(x, correct = FALSE)
          crude <- fisher.test(apply(x, c(1, 2), sum))
          for (k in seq_len(dim(x)[3])) fisher.test(x[, , k])
          cat("mh", o, format(unname(mh$estimate), digits = 15), "\n")
        }
        cat("seconds", as.numeric(difftime(Sys.time(), t0, units = "secs")), "\n")
        cat("version", R.version$major, R.version$minor, "\n")
        """;

    public static async Task<Run?> RunAsync(string csv, string folder)
    {
        string script = Path.Combine(folder, "research.R");
        await File.WriteAllTextAsync(script, Script);
        var start = new ProcessStartInfo("Rscript", [script, csv]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var clock = Stopwatch.StartNew();
        Process? r;
        try { r = Process.Start(start); }
        catch (System.ComponentModel.Win32Exception) { return null; } // no Rscript on this machine
        if (r is null) return null;
        string output = await r.StandardOutput.ReadToEndAsync();
        string errors = await r.StandardError.ReadToEndAsync();
        await r.WaitForExitAsync();
        clock.Stop();
        if (r.ExitCode != 0) throw new InvalidOperationException("Rscript failed: " + errors);

        var estimates = new Dictionary<string, double>();
        double seconds = 0;
        string version = "";
        foreach (var fields in output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (fields is ["mh", var outcome, var value]) estimates[outcome] = double.Parse(value, CultureInfo.InvariantCulture);
            else if (fields is ["seconds", var s]) seconds = double.Parse(s, CultureInfo.InvariantCulture);
            else if (fields is ["version", var major, var minor]) version = major + "." + minor;
        }
        return new Run(seconds, clock.Elapsed.TotalSeconds, estimates, version);
    }
}
