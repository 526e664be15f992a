using Kalkan.Circles;
using Kalkan.Documents;
using Kalkan.Incidents;

namespace Kalkan.Cases;

public static class CasesServices
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddOptions<CasesOptions>().BindConfiguration(CasesOptions.Section)
            .Validate(o => o.WatchMonths is >= 0 and <= 120 && o.RemindBefore >= TimeSpan.Zero && o.ReminderInterval > TimeSpan.Zero && o.CatchUpWindow >= TimeSpan.Zero, "Cases settings out of range").ValidateOnStart();
        services.AddScoped<CaseKeys>();
        services.AddScoped<CaseReaders>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<CaseDocuments>();
        services.AddScoped<CaseDeadlines>();
        services.AddScoped<IWatchedMembers, CaseWatchList>();
        services.AddHostedService<CaseReminders>();
        services.AddSingleton<RetaliationWatch>();
        services.AddSingleton<IIncidentObserver>(s => s.GetRequiredService<RetaliationWatch>());
        services.AddSingleton<IAlarmObserver>(s => s.GetRequiredService<RetaliationWatch>());
        services.AddHostedService<RetaliationWarnings>();
        services.AddDocuments();
        services.AddScoped<Delivery.IStreamGreeting, RetaliationGreeting>();
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app) => app.MapCaseApi().MapCaseRecords().MapCaseStatistics().MapCaseDossier();
}
