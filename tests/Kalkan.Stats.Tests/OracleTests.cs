using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kalkan.Stats.Reporting;

namespace Kalkan.Stats.Tests;

/// <summary>Every case in shared/oracle (copied to Fixtures/oracle), computed with R 4.2.2, agrees
/// to a relative 1e-6: the reference analysis and the figures R gives with its defaults beside it
/// (fisher.test's conditional odds ratio and exact interval, mantelhaen.test's continuity correction).</summary>
public partial class OracleTests
{
    const double Tolerance = 1e-6;

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (string expected in Directory.GetFiles(Fixtures.Oracle, "*.r-defaults.json").Order())
            cases.Add(Path.GetFileName(expected)[..^".r-defaults.json".Length]);
        return cases;
    }

    [Fact]
    public void The_oracle_folder_has_cases() => Assert.NotEmpty(Cases());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Analysis_agrees_with_R(string name)
    {
        await using var csv = File.OpenRead(Path.Combine(Fixtures.Oracle, name + ".csv"));
        var result = await Analysis.RunAsync(csv, new AnalysisOptions());
        var actual = JsonNode.Parse(JsonReport.ToJson(result))!;
        // R writes NA for what it cannot compute; that is JSON null for us.
        string text = NotAvailable().Replace(File.ReadAllText(Path.Combine(Fixtures.Oracle, name + ".r-defaults.json")), ":null");
        var expected = JsonNode.Parse(text)!;

        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        Assert.True(differences.Count == 0, name + ":\n" + string.Join("\n", differences.Take(40)));
    }

    static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case null:
                if (actual is not null) differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                break;
            case JsonObject e:
                if (actual is not JsonObject a) { differences.Add($"{path}: expected an object"); break; }
                foreach (var (key, value) in e) Compare(value, a[key], $"{path}.{key}", differences);
                // Beside a p-value too small for a double stands its log10; R has no such field.
                foreach (var (key, _) in a)
                    if (!e.ContainsKey(key) && !key.EndsWith("Log10", StringComparison.Ordinal)) differences.Add($"{path}.{key}: not in the expected shape");
                break;
            case JsonArray e:
                if (actual is not JsonArray array || array.Count != e.Count) { differences.Add($"{path}: expected {e.Count} items"); break; }
                for (int i = 0; i < e.Count; i++) Compare(e[i], array[i], $"{path}[{i}]", differences);
                break;
            case JsonValue e when e.TryGetValue(out double x):
                if (actual is not JsonValue v || !v.TryGetValue(out double y)) { differences.Add($"{path}: expected {x}, got {actual?.ToJsonString() ?? "null"}"); break; }
                double relative = x == y ? 0 : Math.Abs(x - y) / Math.Max(Math.Abs(x), Math.Abs(y));
                if (relative >= Tolerance) differences.Add($"{path}: expected {x:R}, got {y:R} (relative {relative:E2})");
                break;
            default:
                if (actual?.ToJsonString() != expected.ToJsonString()) differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }

    [GeneratedRegex(@":\s*NA\b")]
    private static partial Regex NotAvailable();
}
