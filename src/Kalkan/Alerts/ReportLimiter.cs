using Kalkan.Limits;

namespace Kalkan.Alerts;

/// <summary>
/// Reports per member per hour (Alerts:ReportsPerHour), whether sent by the API or the page, and on
/// whichever instance: a flood of false alerts from one account stops at the limit. The hour opens at
/// her first report; keyed by member id, which the shared count holds only as a keyed hash.
/// </summary>
public sealed class ReportLimiter(LimitCounters counters, IOptions<AlertOptions> options)
{
    static readonly CountRule Reports = new("alert reports", TimeSpan.FromHours(1));

    public Task<bool> TryTakeAsync(Guid memberId, CancellationToken ct) =>
        counters.TryTakeAsync(Reports, memberId.ToString("N"), options.Value.ReportsPerHour, ct);
}
