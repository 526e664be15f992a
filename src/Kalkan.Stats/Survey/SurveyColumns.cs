namespace Kalkan.Stats.Survey;

/// <summary>
/// Recognises the columns KoboToolbox and ODK add to every export (submission ids, timestamps,
/// device and form metadata) and respondent ids, so that "every other column" means the answers.
/// </summary>
public static class SurveyColumns
{
    static readonly HashSet<string> Metadata = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "uuid", "key", "parent_key", "start", "end", "today", "deviceid", "subscriberid", "simserial",
        "phonenumber", "username", "email", "audit", "audit_url", "instanceid", "instancename", "deprecatedid",
        "submissiondate", "submitterid", "submittername", "attachmentspresent", "attachmentsexpected",
        "status", "reviewstate", "devicename", "edits", "formversion", "starttime", "endtime",
        "submission_time", "respondent", "respondent_no", "respondent_number", "interview", "record",
    };

    /// <summary>Whether a header names metadata or an id rather than an answer.</summary>
    public static bool IsMetadata(string header)
    {
        // ODK and Kobo prefix group paths ("meta/instanceID", "formhub/uuid"): the last part decides.
        string name = header.Trim();
        int slash = name.LastIndexOfAny(['/', ':']);
        if (slash >= 0) name = name[(slash + 1)..];
        name = name.Replace(' ', '_').Replace('-', '_').Replace('.', '_');
        // Kobo's own columns all start with an underscore: _id, _uuid, _index, _submission_time...
        if (name.StartsWith('_')) return true;
        if (name.EndsWith("_id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_uuid", StringComparison.OrdinalIgnoreCase)) return true;
        return Metadata.Contains(name);
    }

    /// <summary>The outcome columns when none are named: all but exposure, strata and metadata.</summary>
    public static IReadOnlyList<string> DefaultOutcomes(IReadOnlyList<string> headers, string exposure, string? strata) =>
        headers.Where(h => h.Length > 0 && h != exposure && h != strata && !IsMetadata(h)).ToList();
}
