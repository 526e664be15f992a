using Kalkan.Audit;
using Kalkan.Delivery;
using Kalkan.Identity.Members;
using Kalkan.Incidents;

namespace Kalkan.Warnings;

/// <summary>What members see: no plate, no phone, nothing of who reported it.</summary>
public sealed record WarningView(Guid Id, string Kind, string Severity, string Description, string District, string Month,
    DateTimeOffset PublishedAt, DateTimeOffset ExpiresAt);

/// <summary>What defenders see: with the plate and phone as they were typed.</summary>
/// <param name="Unreadable">Its sealed fields were changed on disk and do not open: listed with them blank, so a defender can withdraw it.</param>
public sealed record WarningDetails(Guid Id, string Kind, string Severity, string Description, string District, string Month,
    string? Plate, string? Phone, DateTimeOffset PublishedAt, DateTimeOffset ExpiresAt, bool Current, bool Unreadable = false)
{
    public WarningView ForMembers() => new(Id, Kind, Severity, Description, District, Month, PublishedAt, ExpiresAt);
}

/// <summary>
/// Publishing, listing, renewing and withdrawing warnings, for the API and the pages alike. Every
/// change is saved, then written to the audit chain, then published: `event: warning` to every
/// stream and a push with the network's neutral text, never the plate or phone. Each change answers
/// an <see cref="Outcome{T}"/> with the status decided here, which the API and the pages both map. A
/// warning changed on disk (it no longer opens) is counted in the log (<see cref="SealedRows"/>) and left out
/// of members' list: one such row must not take every other warning off their phones. Defenders see it,
/// marked unreadable with its sealed fields blank, so that they can withdraw it.
/// </summary>
public sealed class WarningDesk(KalkanDb db, FieldCipher cipher, BlindIndex blind, AuditChain audit, StreamHub hub,
    IncidentFacts incidents, IOptions<WarningOptions> options, TimeProvider clock, ILogger<WarningDesk> log)
{
    const string Listed = "warnings";
    public const string WarningEvent = "warning", WithdrawnEvent = "warning-withdrawn";
    public const string NoConsent = "The victim's consent to advocacy is not recorded on this incident.";
    public const string NoSuchWarning = "No such warning or report.";
    public const string Unopenable = "This warning could not be opened: it was changed on disk. Withdraw it, and publish it again if it is still needed.";

    WarningOptions Options => options.Value;

    public async Task<List<WarningView>> CurrentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<Warning>().AsNoTracking().Where(w => w.ExpiresAt > now).ToListAsync(ct);
        return SealedRows.OpenEach(rows.OrderByDescending(w => w.Month).ThenByDescending(w => w.PublishedAt), w => Details(w, now).ForMembers(), log, Listed);
    }

    /// <summary>Every warning, expired ones too (a defender may renew them), with plate and phone.</summary>
    public async Task<List<WarningDetails>> AllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<Warning>().AsNoTracking().ToListAsync(ct);
        return SealedRows.OpenEachOrBlank(rows.OrderByDescending(w => w.ExpiresAt > now).ThenByDescending(w => w.PublishedAt),
            w => Details(w, now), w => Unreadable(w, now), log, Listed);
    }

    /// <summary>
    /// A defender's warning; from a member's report, that report goes in the same transaction. Drawn
    /// from an incident, Incidents answers whether its victim consented, among the incidents the
    /// publisher may see.
    /// </summary>
    public async Task<Outcome<WarningDetails>> PublishAsync(WarningRequest request, Viewer publisher, Guid? fromReport, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (valid, errors) = WarningInput.Check(request, Options.PhoneDigits, now);
        if (valid is null) return Outcome<WarningDetails>.Invalid(errors);
        if (valid.Incident is { } incident)
        {
            var agreed = await incidents.ConsentsToAdvocacyAsync(publisher, incident, ct);
            if (agreed is null) return Outcome<WarningDetails>.Invalid(new Validation().Add("incident", "No such incident."));
            // The field is named as a validation problem names it, so a client shows it beside the incident.
            if (agreed == false) return Outcome<WarningDetails>.Conflict(NoConsent) with
            {
                Extensions = new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["incident"] = [NoConsent] } },
            };
        }
        if (fromReport is { } reportId && !await db.Set<WarningReport>().AnyAsync(r => r.Id == reportId, ct))
            return Outcome<WarningDetails>.Refused(StatusCodes.Status404NotFound, NoSuchWarning);

        var warning = new Warning
        {
            Kind = valid.Kind, Severity = valid.Severity, District = valid.District, Month = valid.Month, DescriptionSealed = [],
            PublishedAt = now, ExpiresAt = now.AddMonths(Options.ValidMonths),
        };
        warning.DescriptionSealed = Seal(valid.Description, Warning.DescriptionColumn, warning.Id);
        if (valid.PlateNormal is { } plate)
        {
            warning.PlateIndex = blind.Compute(Warning.Table, Warning.PlateColumn, plate);
            warning.PlateSealed = Seal(valid.Plate!, Warning.PlateColumn, warning.Id);
        }
        if (valid.PhoneNormal is { } phone)
        {
            warning.PhoneIndex = blind.Compute(Warning.Table, Warning.PhoneColumn, phone);
            warning.PhoneSealed = Seal(valid.Phone!, Warning.PhoneColumn, warning.Id);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(warning);
            await db.SaveChangesAsync(ct);
            // Two defenders publishing one report at once: the one who deletes it publishes.
            if (fromReport is { } id && await db.Set<WarningReport>().Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 0)
                return Outcome<WarningDetails>.Refused(StatusCodes.Status404NotFound, NoSuchWarning);
            await transaction.CommitAsync(ct);
        }
        await audit.RecordAsync(WarningActions.Published, warning.Id, ct);
        var details = Details(warning, now);
        hub.Publish(WarningEvent, details.ForMembers(), Audience.Everyone, push: true);
        return Outcome<WarningDetails>.Created(details);
    }

    /// <summary>Up for another <see cref="WarningOptions.ValidMonths"/> from now, expired or not.</summary>
    public async Task<Outcome<WarningDetails>> RenewAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddMonths(Options.ValidMonths);
        var stored = await db.Set<Warning>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (stored is null) return Outcome<WarningDetails>.Refused(StatusCodes.Status404NotFound, NoSuchWarning);
        // Read and opened once, before anything changes: one that does not open is not given months more of
        // matching checks that nobody can read.
        stored.ExpiresAt = expires;
        var details = SealedRows.OpenOne(stored, w => (WarningDetails?)Details(w, now), null, log, Listed);
        if (details is null) return Outcome<WarningDetails>.Conflict(Unopenable);
        if (await db.Set<Warning>().Where(w => w.Id == id).ExecuteUpdateAsync(u => u.SetProperty(w => w.ExpiresAt, expires), ct) == 0)
            return Outcome<WarningDetails>.Refused(StatusCodes.Status404NotFound, NoSuchWarning);
        await audit.RecordAsync(WarningActions.Renewed, id, ct);
        hub.Publish(WarningEvent, details.ForMembers(), Audience.Everyone);
        return Outcome<WarningDetails>.Done(details);
    }

    /// <summary>Withdrawn is deleted: a wrong warning leaves nothing sealed behind, only its audit entry.</summary>
    public async Task<Outcome<Guid>> WithdrawAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<Warning>().Where(w => w.Id == id).ExecuteDeleteAsync(ct) == 0) return Outcome<Guid>.Refused(StatusCodes.Status404NotFound, NoSuchWarning);
        await audit.RecordAsync(WarningActions.Withdrawn, id, ct);
        hub.Publish(WithdrawnEvent, new { id }, Audience.Everyone);
        return Outcome<Guid>.NoContent(id);
    }

    WarningDetails Details(Warning w, DateTimeOffset now) => new(w.Id, w.Kind, w.Severity,
        cipher.DecryptString(w.DescriptionSealed, new FieldRef(Warning.Table, Warning.DescriptionColumn, w.Id)), w.District, w.Month,
        Open(w.PlateSealed, Warning.PlateColumn, w.Id), Open(w.PhoneSealed, Warning.PhoneColumn, w.Id), w.PublishedAt, w.ExpiresAt, w.ExpiresAt > now);

    /// <summary>What the store holds in the clear of a warning whose sealed fields do not open.</summary>
    static WarningDetails Unreadable(Warning w, DateTimeOffset now) =>
        new(w.Id, w.Kind, w.Severity, "", w.District, w.Month, null, null, w.PublishedAt, w.ExpiresAt, w.ExpiresAt > now, Unreadable: true);

    byte[] Seal(string value, string column, Guid id) => cipher.Encrypt(value, new FieldRef(Warning.Table, column, id));

    string? Open(byte[]? value, string column, Guid id) => value is null ? null : cipher.DecryptString(value, new FieldRef(Warning.Table, column, id));
}

/// <summary>What the audit chain records of warnings: which one (as a keyed reference) and when, never a word of it.</summary>
public static class WarningActions
{
    public const string Published = "warning.published", Renewed = "warning.renewed", Withdrawn = "warning.withdrawn";
}
