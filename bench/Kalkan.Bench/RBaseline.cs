using System.Globalization;

namespace Kalkan.Bench;

/// <summary>
/// The same analysis in R with R's defaults, as a researcher would write it: read.csv, then per
/// outcome and per stratum and crude the 2x2 counts, Woolf's odds ratio and interval (by hand, 0.5
/// added to every cell of a table with a zero), fisher.test (p, conditional MLE and exact interval),
/// mantelhaen.test without and with its default continuity correction, and Breslow-Day without
/// Tarone (by hand). It writes every figure as "outcome level stratum field value" so the bench
/// can hold each against Kalkan's JSON.
/// </summary>
static class RBaseline
{
    public const string Script = """
        args <- commandArgs(TRUE)
        d <- read.csv(args[1])
        out <- file(args[2], "w")
        put <- function(o, level, s, field, v) writeLines(sprintf("%s %s %s %s %s", o, level, s, field, if (is.na(v) || is.infinite(v)) "NA" else sprintf("%.17g", v)), out)
        known <- c("KG", "TZ", "MM", "SV")
        strata <- unique(as.character(d$country))
        strata <- c(known[known %in% strata], strata[!(strata %in% known)])
        outcomes <- setdiff(names(d), c("respondent_id", "country", "defender"))
        table2 <- function(o, level, s, t) {
          a <- t[1, 1]; b <- t[1, 2]; c <- t[2, 1]; dd <- t[2, 2]
          put(o, level, s, "a", a); put(o, level, s, "b", b); put(o, level, s, "c", c); put(o, level, s, "d", dd)
          k <- if (min(t) == 0) 0.5 else 0
          lor <- log((a + k) * (dd + k) / ((b + k) * (c + k)))
          half <- qnorm(0.975) * sqrt(1 / (a + k) + 1 / (b + k) + 1 / (c + k) + 1 / (dd + k))
          put(o, level, s, "oddsRatio", exp(lor)); put(o, level, s, "ciLow", exp(lor - half)); put(o, level, s, "ciHigh", exp(lor + half))
          f <- fisher.test(t)
          put(o, level, s, "fisherP", f$p.value); put(o, level, s, "mleOddsRatio", unname(f$estimate))
          put(o, level, s, "mleCiLow", f$conf.int[1]); put(o, level, s, "mleCiHigh", f$conf.int[2])
        }
        for (o in outcomes) {
          x <- table(factor(d$defender, levels = c(1, 0)), factor(d[[o]], levels = c(1, 0)), factor(d$country, levels = strata))
          # table() counts in integers, and mantelhaen.test's products of them overflow to NA at this size.
          storage.mode(x) <- "double"
          for (k in seq_along(strata)) table2(o, "stratum", strata[k], x[, , k])
          table2(o, "crude", "-", apply(x, c(1, 2), sum))
          mh <- mantelhaen.test(x, correct = FALSE)
          put(o, "mantelHaenszel", "-", "oddsRatio", unname(mh$estimate))
          put(o, "mantelHaenszel", "-", "ciLow", mh$conf.int[1]); put(o, "mantelHaenszel", "-", "ciHigh", mh$conf.int[2])
          put(o, "mantelHaenszel", "-", "chiSquared", unname(mh$statistic)); put(o, "mantelHaenszel", "-", "p", mh$p.value)
          mhc <- mantelhaen.test(x)
          put(o, "mantelHaenszel", "-", "chiSquaredCorrected", unname(mhc$statistic)); put(o, "mantelHaenszel", "-", "pCorrected", mhc$p.value)
          psi <- unname(mh$estimate); bd <- 0
          for (k in seq_along(strata)) {
            t <- x[, , k]; m <- sum(t[1, ]); n <- sum(t[, 1]); N <- sum(t)
            qa <- 1 - psi; qb <- N - m - n + psi * (m + n); qc <- -psi * m * n
            roots <- c((-qb + sqrt(qb^2 - 4 * qa * qc)) / (2 * qa), (-qb - sqrt(qb^2 - 4 * qa * qc)) / (2 * qa))
            e <- roots[roots >= max(0, m + n - N) & roots <= min(m, n)][1]
            v <- 1 / (1 / e + 1 / (m - e) + 1 / (n - e) + 1 / (N - m - n + e))
            bd <- bd + (t[1, 1] - e)^2 / v
          }
          put(o, "breslowDay", "-", "chiSquared", bd); put(o, "breslowDay", "-", "p", pchisq(bd, length(strata) - 1, lower.tail = FALSE))
        }
        close(out)
        """;

    /// <summary>R's figures by (outcome, level, stratum, field); NaN for NA.</summary>
    public static Dictionary<(string, string, string, string), double> Read(string path)
    {
        var figures = new Dictionary<(string, string, string, string), double>();
        foreach (var fields in File.ReadLines(path).Select(l => l.Split(' ')))
            figures[(fields[0], fields[1], fields[2], fields[3])] = fields[4] == "NA" ? double.NaN : double.Parse(fields[4], CultureInfo.InvariantCulture);
        return figures;
    }
}
