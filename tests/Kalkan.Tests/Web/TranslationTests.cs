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
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));

        var missing = Directory.EnumerateFiles(source, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Where(key => !translations.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
            .ToList();

        Assert.True(missing.Count == 0, $"Not translated into {language}: {string.Join(" | ", missing)}");
    }


    [GeneratedRegex("L\\[\"([^\"]+)\"")]
    private static partial Regex Key();
}
