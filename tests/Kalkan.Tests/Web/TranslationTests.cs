using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kalkan.Tests.Web;

public partial class TranslationTests
{
    [Theory]
    [InlineData("ru")]
    [InlineData("ky")]
    public void Every_string_a_page_shows_has_a_translation(string language)
    {
        var source = Path.Combine(Shared.RepoRoot(), "src", "Kalkan");
        var translations = Directory.EnumerateFiles(source, $"*.{language}.resx", SearchOption.AllDirectories)
            .SelectMany(f => XDocument.Load(f).Root!.Elements("data"))
            .GroupBy(d => (string)d.Attribute("name")!)
            .ToDictionary(g => g.Key, g => g.Select(d => (string?)d.Element("value")).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)));

        var missing = Directory.EnumerateFiles(source, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Where(key => !key.EndsWith(' ')) // the start of a key built in code ("Language " + code): its whole keys are in the resx
            .Where(key => !translations.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
            .ToList();

        Assert.True(missing.Count == 0, $"Not translated into {language}: {string.Join(" | ", missing)}");
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("ky")]
    public void Sign_out_and_quick_exit_never_share_a_label(string language)
    {
        var shared = XDocument.Load(Path.Combine(Shared.RepoRoot(), "src", "Kalkan", "Web", $"SharedResource.{language}.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        Assert.NotEqual(shared["Sign out"], shared["Exit"]);
    }

    [GeneratedRegex("\\b[LR]\\[\"([^\"]+)\"")]
    private static partial Regex Key();
}
