using Kalkan.Documents;
using Microsoft.Extensions.Localization;

namespace Kalkan.Incidents.Dossier;

/// <summary>
/// An incident's dossier as a <see cref="Document"/>, in the reader's language: a summary, every
/// version in full, the perpetrators' patterns, the evidence with its SHA-256, consent, and the
/// audit excerpt with the state of the whole chain. Pure: the same data gives the same document.
/// </summary>
public static class DossierSections
{
    public static Document Build(DossierData data, IStringLocalizer R, string language)
    {
        var current = data.Versions[^1];
        List<Section> sections = [Summary(data, current, R), .. data.Versions.Select(v => Version(v, data.Versions.Count, R)),
            Perpetrators(data, R), Evidence(data, R), Consent(current, R), Audit(data, R)];
        return new Document(R["Incident dossier"], language, sections)
        {
            Subtitle = R["Incident {0} · made {1} UTC", data.Id, Time(data.MadeAt)],
            Footer = R["Each sealed version's fingerprint is the SHA-256 of that version as stored; the audit chain's entry for its sealing carries the same value. Each entry's hash is SHA-256 over the previous hash, its sequence, time, action and subject, so an altered record breaks the chain; `kalkan audit verify` checks all of it."],
        };
    }

    static Section Summary(DossierData data, IncidentView v, IStringLocalizer R) => new(R["Summary"],
    [
        new Facts(
        [
            new Fact(R["Incident"], data.Id.ToString(), Code: true),
            new Fact(R["Current version"], R["Version {0} of {1}", v.Version, data.Versions.Count] + " · " + R[v.State]),
            new Fact(R["Date"], $"{v.OccurredOn} ({R["precision " + v.DatePrecision]})"),
            new Fact(R["District"], v.District ?? "—"),
            new Fact(R["What was done"], string.Join(", ", v.Violations.Select(c => R["violation " + c].Value))),
            new Fact(R["Triggered by"], v.Trigger is { } t ? R["trigger " + t] : R["no, or not known"]),
            new Fact(R["Evidence"], data.Evidence.Count.ToString(CultureInfo.InvariantCulture)),
        ]),
    ]);

    static Section Version(IncidentView v, int count, IStringLocalizer R)
    {
        List<Fact> facts =
        [
            new(R["State"], R[v.State]),
            new(R["Created"], Time(v.CreatedAt) + " UTC"),
            .. v.SealedAt is { } sealedAt ? [new Fact(R["Sealed on"], Time(sealedAt) + " UTC")] : Array.Empty<Fact>(),
            .. v.Fingerprint is { } fingerprint ? [new Fact(R["Fingerprint (SHA-256)"], fingerprint, Code: true)] : Array.Empty<Fact>(),
            .. v.Correction is { } correction ? [new Fact(R["Why this correction"], correction)] : Array.Empty<Fact>(),
            new(R["Date"], $"{v.OccurredOn} ({R["precision " + v.DatePrecision]})"),
            new(R["District"], v.District ?? "—"),
            new(R["Place"], (v.Place ?? "—") + (v.Lat is { } lat && v.Lon is { } lon ? $" ({lat.ToString(CultureInfo.InvariantCulture)}, {lon.ToString(CultureInfo.InvariantCulture)})" : "")),
            new(R["Victims"], People(v.Victims, R)),
            new(R["Witnesses"], People(v.Witnesses, R)),
            new(R["Triggered by"], v.Trigger is { } t ? R["trigger " + t] : R["no, or not known"]),
        ];
        return new Section(R["Version {0} of {1}", v.Version, count],
        [
            new Facts(facts),
            new Subheading(R["What was done"]),
            new Table([R["Violation"], R["details (optional)"]], [.. v.Acts.Select(a => (IReadOnlyList<string>)[R["violation " + a.Code], a.Details ?? ""])]),
            new Subheading(R["What happened"]),
            new Paragraph(v.Narrative ?? "—"),
            new Subheading(R["Who did it"]),
            new Table([R["Kind"], R["Unit or agency"], R["Badge number"], R["Vehicle plate"], R["Description"], R["Perpetrator profile"]],
                [.. v.Perpetrators.Select(p => (IReadOnlyList<string>)[R["kind " + p.Kind], p.Unit ?? "", p.Badge ?? "", p.VehiclePlate ?? "", p.Description ?? "", p.Profile.ToString()])])
                { CodeColumns = new HashSet<int> { 5 } },
        ]);
    }

    static Section Perpetrators(DossierData data, IStringLocalizer R)
    {
        if (!data.PatternsShown) return new(R["Perpetrator profiles"], [new Paragraph(R["The patterns of perpetrator profiles, which count the whole network's incidents, are in the dossiers defenders and admins make."])]);
        return new(R["Perpetrator profiles"],
        [
            new Paragraph(R["The pattern of each profile this incident names now, over the current version of every incident of the network that names it."]),
            new Table([R["Perpetrator profile"], R["Kind"], R["Badge number"], R["Vehicle plate"], R["Incidents"], R["Victims"], R["First seen"], R["Last seen"]],
                [.. data.Patterns.Values.Select(p => (IReadOnlyList<string>)[p.Id.ToString(), R["kind " + p.Kind], p.Badge ?? "", p.VehiclePlate ?? "",
                    p.Incidents.ToString(CultureInfo.InvariantCulture), p.Victims.ToString(CultureInfo.InvariantCulture), p.FirstSeen ?? "", p.LastSeen ?? ""])])
                { CodeColumns = new HashSet<int> { 0 } },
        ]);
    }

    static Section Evidence(DossierData data, IStringLocalizer R) => new(R["Evidence"],
    [
        new Paragraph(R["The SHA-256 of each original was taken as it was received; the original is kept sealed for legal use. The shared copy is the one without location and other metadata."]),
        new Table([R["File"], R["Type"], R["Size (bytes)"], R["Added"], R["SHA-256 of the original"], R["SHA-256 of the shared copy"]],
            [.. data.Evidence.Select(e => (IReadOnlyList<string>)[e.Name ?? "—", e.MediaType, e.Size.ToString(CultureInfo.InvariantCulture), Time(e.AddedAt) + " UTC", e.Sha256, e.SharedSha256 ?? "—"])])
            { CodeColumns = new HashSet<int> { 4, 5 } },
    ]);

    static Section Consent(IncidentView v, IStringLocalizer R) => new(R["Consent"],
    [
        new Facts(
        [
            new Fact(R["counted in anonymous statistics"], v.Consent.Aggregate ? R["yes"] : R["no"]),
            new Fact(R["used in advocacy"], v.Consent.Advocacy ? R["yes"] : R["no"]),
            new Fact(R["used in a legal complaint"], v.Consent.Legal ? R["yes"] : R["no"]),
            new Fact(R["Recorded"], Time(v.Consent.RecordedAt) + " UTC"),
            new Fact(R["Recorded by (account)"], v.Consent.RecordedBy.ToString(), Code: true),
        ]),
    ]);

    static Section Audit(DossierData data, IStringLocalizer R)
    {
        var excerpt = data.Audit;
        var state = excerpt.FirstBroken is { } broken
            ? R["The audit chain was checked as this dossier was made and is broken at entry {0}.", broken]
            : R["The audit chain was checked as this dossier was made: every entry links, up to entry {0} whose hash is {1}.", excerpt.Latest, excerpt.LatestHash ?? "—"];
        List<Block> blocks =
        [
            new Paragraph(state),
            new Table([R["Entry"], R["Time (UTC)"], R["Action"], R["Previous hash"], R["Hash"], R["Links"]],
                [.. excerpt.Entries.Select(e => (IReadOnlyList<string>)[e.Sequence.ToString(CultureInfo.InvariantCulture), Time(e.At), e.Action, e.PreviousHash, e.Hash, e.Links ? R["yes"] : R["no"]])])
                { CodeColumns = new HashSet<int> { 3, 4 } },
        ];
        if (excerpt.Omitted > 0) blocks.Insert(1, new Paragraph(R["{0} entries between the first and the latest are left out.", excerpt.Omitted]));
        return new Section(R["Audit chain"], blocks);
    }

    static string People(List<PersonView> people, IStringLocalizer R) => people.Count == 0 ? "—"
        : string.Join(", ", people.Select(p => p.Pseudonym + (p.Defender == true ? " (" + R["defender"] + ")" : "")));

    static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
