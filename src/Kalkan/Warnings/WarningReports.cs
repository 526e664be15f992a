using Kalkan.Delivery;
using Kalkan.Limits;
using Kalkan.Identity.Members;

namespace Kalkan.Warnings;

/// <summary>A member's report as the reviewing defender sees it.</summary>
/// <param name="Unreadable">Its sealed fields were changed on disk and do not open: listed with them blank, so a defender can discard it.</param>
public sealed record ReportView(Guid Id, string Kind, string Severity, string Description, string District, string Month,
    string? Plate, string? Phone, DateTimeOffset SubmittedAt, bool Unreadable = false)
{
    public WarningRequest AsRequest() => new(Kind, Severity, Description, District, Month, Plate, Phone);
}

/// <summary>
/// Members' reports for review: sealed like a warning, without blind indexes (nothing checks
/// against an unreviewed report) and without who sent it. Defenders hear of a new one on their
/// streams; they publish it (<see cref="WarningDesk.PublishAsync"/>) or discard it. One changed on
/// disk does not hold up the queue (<see cref="SealedRows"/>): it is listed marked unreadable, with its
/// sealed fields blank, so that it can be discarded.
/// </summary>
public sealed class WarningReports(KalkanDb db, FieldCipher cipher, StreamHub hub, ReportsPerMember limiter, IOptions<WarningOptions> options, TimeProvider clock,
    ILogger<WarningReports> log)
{
    public const string TooManyReports = "You have sent many reports today; try again tomorrow.";

    /// <returns>202 with the report's id (a defender reviews it); 400 naming the field; 429 past her daily reports.</returns>
    public async Task<Outcome<Guid>> SubmitAsync(Guid memberId, WarningRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (valid, errors) = WarningInput.Check(request with { Incident = null }, options.Value.PhoneDigits, now);
        if (valid is null) return Outcome<Guid>.Invalid(errors);
        if (!await limiter.TryTakeAsync(memberId, ct)) return Outcome<Guid>.Refused(StatusCodes.Status429TooManyRequests, TooManyReports);
        var report = new WarningReport
        {
            Kind = valid.Kind, Severity = valid.Severity, District = valid.District, Month = valid.Month, DescriptionSealed = [], SubmittedAt = now,
        };
        report.DescriptionSealed = Seal(valid.Description, Warning.DescriptionColumn, report.Id);
        report.PlateSealed = valid.Plate is null ? null : Seal(valid.Plate, Warning.PlateColumn, report.Id);
        report.PhoneSealed = valid.Phone is null ? null : Seal(valid.Phone, Warning.PhoneColumn, report.Id);
        db.Add(report);
        await db.SaveChangesAsync(ct);
        hub.Publish("warning-report", new { id = report.Id }, Audience.Roles(Roles.Defender, Roles.Admin));
        return new Outcome<Guid>(StatusCodes.Status202Accepted, report.Id);
    }

    public async Task<List<ReportView>> PendingAsync(CancellationToken ct) =>
        SealedRows.OpenEachOrBlank(await db.Set<WarningReport>().AsNoTracking().OrderBy(r => r.SubmittedAt).ToListAsync(ct), View, Unreadable, log, "warning reports");

    public async Task<ReportView?> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<WarningReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } report ? View(report) : null;

    public async Task<Outcome<Guid>> DiscardAsync(Guid id, CancellationToken ct) =>
        await db.Set<WarningReport>().Where(r => r.Id == id).ExecuteDeleteAsync(ct) > 0
            ? Outcome<Guid>.NoContent(id)
            : Outcome<Guid>.Refused(StatusCodes.Status404NotFound, WarningDesk.NoSuchWarning);

    ReportView View(WarningReport r) => new(r.Id, r.Kind, r.Severity, Open(r.DescriptionSealed, Warning.DescriptionColumn, r.Id)!, r.District, r.Month,
        Open(r.PlateSealed, Warning.PlateColumn, r.Id), Open(r.PhoneSealed, Warning.PhoneColumn, r.Id), r.SubmittedAt);

    /// <summary>What the store holds in the clear of a report whose sealed fields do not open.</summary>
    static ReportView Unreadable(WarningReport r) => new(r.Id, r.Kind, r.Severity, "", r.District, r.Month, null, null, r.SubmittedAt, Unreadable: true);

    byte[] Seal(string value, string column, Guid id) => cipher.Encrypt(value, new FieldRef(WarningReport.Table, column, id));

    string? Open(byte[]? value, string column, Guid id) => value is null ? null : cipher.DecryptString(value, new FieldRef(WarningReport.Table, column, id));
}

/// <summary>Reports for review one member may send in a day from her first (Warnings:ReportsPerDay), counted where every instance sees them.</summary>
public sealed class ReportsPerMember(LimitCounters counters, IOptions<WarningOptions> options)
{
    static readonly CountRule Reports = new("warning reports", TimeSpan.FromDays(1));

    public Task<bool> TryTakeAsync(Guid memberId, CancellationToken ct) =>
        counters.TryTakeAsync(Reports, memberId.ToString("N"), options.Value.ReportsPerDay, ct);
}
