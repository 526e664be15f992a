namespace Kalkan.Documents;

public static class DocumentServices
{
    /// <summary>Safe to call from every feature that prints (incidents now, cases later): it registers once.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(PdfPrinter))) return services;
        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section)
            .Validate(o => o.PrintTimeout > TimeSpan.Zero, "Documents:PrintTimeout must be positive").ValidateOnStart();
        services.AddSingleton<PdfPrinter>();
        return services;
    }
}
