using System.Text.Json.Serialization;

namespace Kalkan.Cases;

/// <summary>
/// A case as the API and the pages show it. The people behind it, its incidents, notes, handlers and
/// warnings are left out entirely (not null: absent) for a defender who does not handle it.
/// </summary>
public sealed record CaseView(
    Guid Id, string Title, string Body, string Status, string? FiledOn, DateTimeOffset CreatedAt, bool Assigned,
    List<StepView> History, List<CasePerpetratorView> Perpetrators,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<CasePersonView>? Complainants = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<CasePersonView>? Helpers = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<Guid>? Incidents = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<string>? Assignees = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Notes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WatchView? Watch = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<WarningView>? Warnings = null);

public sealed record StepView(string Status, string On, bool UnderPressure, DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null);

public sealed record CasePersonView(string Pseudonym, string? Member);

public sealed record CasePerpetratorView(Guid Profile, string Kind);

/// <summary>Whether the retaliation watch is on, and until when (null: without end, while open or after a withdrawal under pressure).</summary>
public sealed record WatchView(bool On, DateTimeOffset? Until);

public sealed record WarningView(Guid Id, string Reason, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt);

/// <summary>A line of the case list: what every defender may see.</summary>
public sealed record CaseSummary(Guid Id, string Title, string Body, string Status, string? FiledOn, bool Assigned, int OpenWarnings);

/// <summary>Where her case stands, for a complainant who is a member: plain steps, nobody named.</summary>
public sealed record OwnCaseView(Guid Id, string Title, string Body, string Status, string? FiledOn, List<OwnStepView> History);

public sealed record OwnStepView(string Status, string On);

public sealed record CreatedCase(Guid Id);
