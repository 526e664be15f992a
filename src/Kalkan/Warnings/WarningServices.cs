using Kalkan.Delivery;
using Kalkan.Identity.Members;

namespace Kalkan.Warnings;

public static class WarningServices
{
    public static IServiceCollection AddWarnings(this IServiceCollection services)
    {
        services.AddOptions<WarningOptions>().BindConfiguration(WarningOptions.Section)
            .Validate(o => o.IsValid(), "Warnings: ChecksPerDay, ValidMonths, ReportsPerDay and RequestsPerMinute must be positive; PhoneDigits from 6 to 12")
            .ValidateOnStart();
        services.AddScoped<WarningDesk>();
        services.AddScoped<WarningChecker>();
        services.AddScoped<WarningReports>();
        services.AddSingleton<ReportsPerMember>();
        services.AddScoped<IMemberErasure, CheckCountErasure>();
        services.AddPerMemberLimit<WarningOptions>(WarningEndpoints.GroupLimit, warnings => warnings.RequestsPerMinute);
        return services;
    }
}

/// <summary>A deleted account leaves no count of her checks.</summary>
sealed class CheckCountErasure(KalkanDb db, SealState seal) : IMemberErasure
{
    public async Task EraseAsync(Guid memberId, CancellationToken ct)
    {
        var key = WarningChecker.RefOf(seal, memberId);
        await db.Set<WarningCheckCount>().Where(c => c.MemberRef == key).ExecuteDeleteAsync(ct);
    }
}
