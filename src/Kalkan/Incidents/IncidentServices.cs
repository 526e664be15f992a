using Kalkan.Audit;
using Kalkan.Documents;
using Kalkan.Incidents.Dossier;
using Kalkan.Incidents.Evidence;
using Kalkan.Incidents.Statistics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kalkan.Incidents;

public static class IncidentServices
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddScoped<IncidentViewers>();
        services.AddScoped<IncidentRecorder>();
        services.AddScoped<IncidentReader>();
        services.AddScoped<PseudonymRegistry>();
        services.AddScoped<PerpetratorProfiles>();
        services.AddScoped<IncidentFacts>();
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.Section)
            .Validate(o => o.MaxBytes > 0, "Incidents:Evidence:MaxBytes must be positive").ValidateOnStart();
        services.AddScoped<EvidenceStore>();
        services.AddDocuments();
        services.TryAddScoped<AuditExcerpts>();
        services.AddScoped<IncidentDossiers>();
        services.AddScoped<IncidentStatistics>();
        return services;
    }

    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app) =>
        app.MapIncidentApi().MapIncidentExport().MapPerpetratorApi().MapEvidenceApi().MapIncidentDossier().MapIncidentStatistics().MapEvidenceForm();
}
