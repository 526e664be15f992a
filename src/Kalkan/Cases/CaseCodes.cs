namespace Kalkan.Cases;

public static class CaseCodes
{
    public static readonly IReadOnlyList<string> Bodies = ["prosecutor", "ombudsman", "internal_affairs", "court", "un", "regional", "other"];

    public const string Preparing = "preparing", Filed = "filed", Decided = "decided", Closed = "closed", Withdrawn = "withdrawn";
    public static readonly IReadOnlyList<string> Statuses = [Preparing, Filed, "under_review", "hearing", Decided, Closed, Withdrawn];

    /// <summary>After these the case is no longer open: the watch runs on for Cases:WatchMonths (unless withdrawn under pressure).</summary>
    public static bool Ends(string status) => status is Decided or Closed or Withdrawn;

    public const string Complainant = "complainant", Helper = "helper";

    /// <summary>Why a retaliation warning was raised; the only words the `retaliation` event carries.</summary>
    public const string WatchedPerson = "watched_person", Perpetrator = "perpetrator", Sos = "sos", CheckinMissed = "checkin_missed";
}

/// <summary>What the audit chain records of cases: the keyed reference of the case, never a word of it.</summary>
public static class CaseActions
{
    public const string Created = "case.created", Read = "case.read", Status = "case.status", Assigned = "case.assigned",
        Warned = "case.retaliation", Exported = "case.exported", Listed = "case.listed",
        DocumentAdded = "case.document.added", DocumentRead = "case.document.read", Deadline = "case.deadline", Statistics = "case.statistics";
}
