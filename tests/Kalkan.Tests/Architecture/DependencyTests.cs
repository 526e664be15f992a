using System.Reflection;

namespace Kalkan.Tests.Architecture;

/// <summary>
/// The folders reach only what docs/architecture.md says they may: a folder reaching a new one, or
/// a feature reaching into another's types beyond the services listed there, fails here until the
/// document (and this table) says why.
/// </summary>
public class DependencyTests
{
    static readonly Assembly Server = typeof(Kalkan.Circles.CircleBook).Assembly;
    const string Any = "*";

    /// <summary>From folder → to folder → the types it may use there (<see cref="Any"/>: the whole folder is infrastructure for it).</summary>
    static readonly Dictionary<string, Dictionary<string, string[]>> Allowed = new()
    {
        ["Alerts"] = new() { ["Limits"] = ["CountRule", "LimitCounters"], ["Delivery"] = ["Audience", "ClaimedEvents", "DeliveryServices", "PushSubscriptions", "StreamEndpoints", "StreamHub"],
            ["Identity"] = ["DuressWarnings", "IMemberErasure", "SessionClaims"], ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = [Any] },
        ["Circles"] = new() { ["Alerts"] = ["Geo"], ["Delivery"] = ["Audience", "ClaimedEvents", "IStreamGreeting", "StreamHub"],
            ["Identity"] = ["DuressAlarm", "DuressWarnings", "Handles", "Holder", "IMemberErasure", "Member", "MemberAccounts", "PassphraseCheck", "Roles", "Said", "SessionClaims"],
            ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = [Any] },
        ["Incidents"] = new() { ["Audit"] = ["AuditChain", "AuditExcerpt", "AuditExcerpts", "ExcerptEntry", "IAuditWitness"], ["Documents"] = [Any], ["Stats"] = [Any], ["Identity"] = ["SessionClaims"], ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = [Any] },
        // Every view's class carries the shared strings /_ViewImports.cshtml injects (Web.SharedResource).
        // Research's view shows TriggerTable's rows with the codes' names in Incidents' own strings.
        ["Research"] = new() { ["Stats"] = [Any], ["Identity"] = ["Roles"], ["Incidents"] = ["IncidentStatistics", "IncidentsResource", "TriggerRow", "TriggerTable"], ["Web"] = ["SharedResource"] },
        // Members and Sessions are one folder: each uses most of the other (docs/decisions/1401).
        ["Identity"] = new() { ["Audit"] = ["AuditChain"], ["Background"] = [Any], ["Limits"] = ["CountRule", "LimitCounters"],
            ["Delivery"] = ["Audience", "IListenerDirectory", "IListenerIdentity", "Listener", "PushSubscription", "PushSubscriptions", "StreamHub"], ["Setup"] = ["Network"],
            ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = [Any] },
        // Delivery knows no feature and no identity: who listens comes through IListenerDirectory, which Identity's Sessions implements.
        ["Delivery"] = new() { ["Limits"] = ["CountRule", "CountedWindow", "LimitCounters"], ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = ["Localization", "Outcome`1", "SharedResource", "Validation"] },
        // The seal knows no feature: the audit records its acts as an ISealObserver.
        ["Seal"] = new() { ["Background"] = [Any], ["Storage"] = [Any], ["Web"] = ["SharedResource", "Validation"] },
        // The audit knows no feature: each feature's IAuditWitness is found in the assembly.
        ["Audit"] = new() { ["Cli"] = [Any], ["Seal"] = ["ISealObserver", "SealState"], ["Storage"] = [Any] },
        ["Backup"] = new() { ["Cli"] = [Any], ["Identity"] = ["PassphrasePolicy"], ["Seal"] = [Any], ["Storage"] = [Any] },
        ["Setup"] = new() { ["Audit"] = ["AuditChain"], ["Delivery"] = ["VapidKey"], ["Identity"] = ["Member", "MemberAccounts", "PassphrasePolicy"], ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = [Any] },
        ["Cli"] = new() { ["Audit"] = [Any], ["Backup"] = [Any], ["Identity"] = ["MemberServices"], ["Research"] = [Any], ["Seal"] = [Any], ["Setup"] = [Any],
            ["Storage"] = [Any], ["Web"] = ["Validation"] },
        // The store maps every feature's entities (and only them).
        ["Storage"] = new() { ["Identity"] = ["Member", "Session"], ["Seal"] = ["SealRecord"], ["Setup"] = ["Network"] },
        // The layout locks the screen after SessionOptions.LockAfterIdle.
        ["Web"] = new() { ["Alerts"] = ["AlertsResource"], ["Seal"] = [Any], ["Identity"] = ["SessionClaims", "SessionOptions", "SessionStore", "TooManyAttemptsException"], ["Storage"] = [Any] },
        ["Background"] = new(),
        ["Limits"] = new() { ["Seal"] = ["SealState"], ["Storage"] = ["StoreOptions"] },
        ["Documents"] = new() { ["Storage"] = [Any] },
        ["Places"] = new() { ["Delivery"] = ["DeliveryServices"], ["Identity"] = ["SessionClaims"], ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = [Any] },
        // Warnings ask Incidents whether a victim consented (IncidentFacts, for a Viewer) and never read an incident's rows;
        // Identifiers is a pure function over a plate's text (no row, no store): one plate is one plate in both features.
        ["Warnings"] = new() { ["Limits"] = ["CountRule", "LimitCounters"], ["Audit"] = ["AuditChain"], ["Delivery"] = ["Audience", "DeliveryServices", "StreamHub"],
            ["Incidents"] = ["Identifiers", "IncidentFacts", "IncidentViewers", "Viewer"], ["Identity"] = ["IMemberErasure", "SessionClaims"], ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = [Any] },
        // Cases ask Incidents' services (IncidentFacts, PerpetratorProfiles) and never read an incident's rows.
        ["Cases"] = new() { ["Audit"] = ["AuditChain"], ["Circles"] = ["IAlarmObserver", "IWatchedMembers", "RecentAlarms"], ["Delivery"] = ["Audience", "IStreamGreeting", "StreamHub"], ["Documents"] = [Any],
            ["Incidents"] = ["EvidenceOptions", "EvidenceTypes", "IIncidentObserver", "IncidentFacts", "IncidentNotice", "IncidentNotices", "IncidentReferences", "IncidentViewers",
                "PerpetratorProfiles", "ProfileDetails", "PseudonymRegistry", "Viewer"],
            ["Identity"] = ["Handles", "Member", "MemberAccounts", "Roles", "SessionClaims"], ["Seal"] = [Any], ["Storage"] = [Any], ["Web"] = [Any] },
    };

    [Fact]
    public void Every_folder_reaches_only_what_the_architecture_allows()
    {
        var stray = Dependencies.Between(Server)
            .Where(e => !(Allowed.TryGetValue(e.From, out var to) && to.TryGetValue(e.To, out var types) && (types.Contains(Any) || types.Contains(e.Type))))
            .Select(e => $"{e.From} -> {e.To}.{e.Type}").Order().ToList();
        Assert.True(stray.Count == 0, "Not in docs/architecture.md: " + string.Join("; ", stray));
    }

    [Fact]
    public void The_statistics_know_no_web_no_store_and_no_server()
    {
        var stats = typeof(Kalkan.Stats.Survey.SurveyReader).Assembly;
        var references = stats.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || name.Equals(Server.GetName().Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_page_calls_an_API_endpoint_class()
    {
        // Pages and the API share services (AlertDesk, SosDesk, AccountDesk...), each returning an
        // Outcome with the status it decided; a page calling a handler would have to guess it again.
        var calls = Dependencies.CallsFromPages(Server)
            .Where(c => c.Called.DeclaringType is { } declaring && OuterName(declaring).EndsWith("Endpoints", StringComparison.Ordinal))
            .Select(c => $"{Dependencies.ViewPath(c.Page) ?? c.Page.Name} -> {OuterName(c.Called.DeclaringType!)}.{c.Called.Name}").Distinct().Order().ToList();
        Assert.True(calls.Count == 0, "Pages calling the API's endpoint classes: " + string.Join("; ", calls));
    }

    [Fact]
    public void Every_compiled_view_is_read_as_its_folders()
    {
        // A view's body compiles into a class outside Kalkan.X: were the compiler to stop naming its
        // .cshtml, both rules above would silently stop reading the views.
        var views = Dependencies.CompiledViews(Server).ToList();
        Assert.Contains(views, v => Dependencies.ViewPath(v) == "/Circles/Pages/Calls.cshtml" && Dependencies.FolderOf(v) == "Circles");
        Assert.All(views, v => Assert.NotNull(Dependencies.ViewPath(v)));
        Assert.Contains(Dependencies.CallsFromPages(Server), c => Dependencies.ViewPath(c.Page) == "/Circles/Pages/Calls.cshtml");
    }

    [Fact]
    public void The_page_check_sees_a_call_inside_an_async_handler()
    {
        // OnPostConfirmAsync's body lives in a compiler-made state machine nested in the page: the reader must look there.
        Assert.Contains(Dependencies.CallsFromPages(Server), c => c.Page == typeof(Kalkan.Alerts.Pages.AlertsModel)
            && c.Called.DeclaringType == typeof(Kalkan.Alerts.AlertDesk) && c.Called.Name == nameof(Kalkan.Alerts.AlertDesk.ConfirmAsync));
    }

    static string OuterName(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type.Name;
    }

    [Fact]
    public void The_check_sees_a_static_call_in_a_method_body()
    {
        // Circles' SOS page parses coordinates with Alerts' Geo only inside a method body: the IL reader must find it.
        Assert.Contains(("Circles", "Alerts", "Geo"), Dependencies.Between(Server));
    }
}
