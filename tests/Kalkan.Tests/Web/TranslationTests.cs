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

    /// <summary>The pages a member uses, with their layout, exit page and messages: in all six languages (issue 13).</summary>
    static readonly string[] MemberPages =
    [
        "Web/_Layout.cshtml", "Web/Pages/Exit.cshtml", "Identity/Sessions/Pages/SignIn.cshtml", "Identity/Members/Pages/Join.cshtml", "Identity/Members/Pages/Account.cshtml",
        "Alerts/Pages/Alerts.cshtml", "Circles/Pages/Sos.cshtml", "Circles/Pages/Checkin.cshtml", "Circles/Pages/Circle.cshtml", "Circles/Pages/Calls.cshtml",
        "Places/Pages/Places.cshtml", "Places/Pages/Offline.cshtml", "Warnings/Pages/Warnings.cshtml", "Warnings/Pages/_WarningFields.cshtml",
    ];

    [Theory, OtherLanguages]
    public void Every_string_of_the_member_pages_and_their_messages_has_a_translation(string language)
    {
        var source = Path.Combine(Shared.RepoRoot(), "src", "Kalkan");
        var translations = Translations(source, language);
        var keys = MemberPages.Select(p => Path.Combine(source, p)).Where(File.Exists)
            .SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            // Messages that reach her from code: every key the English-keyed resx files of ru hold for these pages' features.
            .Concat(EnglishKeys(source, "Alerts/AlertsResource.ru.resx").Where(k => !ConsoleOnly.Contains(k)))
            .Concat(MessageKeys)
            .Distinct()
            .Where(key => !key.EndsWith(' '));
        var missing = keys.Where(key => !translations.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        Assert.True(missing.Count == 0, $"Not translated into {language}: {string.Join(" | ", missing)}");
    }

    /// <summary>Titles and field messages the API and pages send, which every language must carry.</summary>
    static readonly string[] MessageKeys =
    [
        "Some fields are not right.", "Nothing is here.", "Required.", "At most 280 characters.", "Too many attempts; wait a little and try again.",
        "Your check-in is set.", "Your check-in is extended.", "Checked in. Glad you are safe.", "This is not your current passphrase.",
        "No member has this handle.", "Your circle is full.", "Sign in first.", "Your role does not allow this.", "Alerts", "SOS", "Check-in",
        "My circle", "Calls for help", "My account", "Safe places", "{0} min", "{0} h {1} min", "in {0}", "{0} ago",
        "Queued: it goes out as soon as the connection is back.", "Sent.", "Notes", "Something new", "No connection. This page is from the last time you were online.",
    ];

    static readonly HashSet<string> ConsoleOnly =
    [
        "Add landmark", "All kinds", "Any day", "Any hour", "Day", "Dismiss", "Hour", "Kind", "Landmarks", "Name (a market, a crossroads)", "Reporter",
        "Reporter's record: {0} reports, {1} verified, {2} dismissed", "Status", "Tap the map to fill in a new landmark's coordinates.", "Verify",
        "What and where", "When", "Where police usually stand", "{0} alerts in {1} areas", "The alert is marked verified.", "The alert is dismissed.",
        "The landmark is added.", "The landmark is removed.", "No such landmark.", "Alerts console", "Confirmations: {0} of {1}", "Expires at {0} UTC",
        "Reported at {0} UTC", "Note", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Expired alerts, counted by area of about 500 m, kind and hour of the week. Dismissed alerts are not counted.",
    ];

    static Dictionary<string, string?> Translations(string source, string language) =>
        Directory.EnumerateFiles(source, $"*.{language}.resx", SearchOption.AllDirectories)
            .SelectMany(f => XDocument.Load(f).Root!.Elements("data"))
            .GroupBy(d => (string)d.Attribute("name")!)
            .ToDictionary(g => g.Key, g => g.Select(d => (string?)d.Element("value")).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)));

    static IEnumerable<string> EnglishKeys(string source, string resx) =>
        XDocument.Load(Path.Combine(source, resx)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

    [Theory, OtherLanguages]
    public void Sign_out_and_quick_exit_never_share_a_label(string language)
    {
        var shared = XDocument.Load(Path.Combine(Shared.RepoRoot(), "src", "Kalkan", "Web", $"SharedResource.{language}.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        Assert.NotEqual(shared["Sign out"], shared["Exit"]);
    }

    [GeneratedRegex("\\b[LR]\\[\"([^\"]+)\"")]
    private static partial Regex Key();
}
