using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kalkan.Web.FormKeys;

public static class FormKeyServices
{
    /// <summary>
    /// Form keys shared and sealed in the store on PostgreSQL (decision 1610); on SQLite (one
    /// instance) in memory only, as decision 0002 chose: a restart costs a reloaded form.
    /// </summary>
    public static IServiceCollection AddFormKeys(this IServiceCollection services)
    {
        services.AddDataProtection();
        // The host's own key ring is never used (the provider below replaces it), yet data protection
        // loads it at start: kept nowhere, instead of a key in clear in ~/.aspnet/DataProtection-Keys.
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new KeptNowhere());
        services.AddSingleton<SealedFormKeys>();
        services.AddSingleton<FormKeyRing>();
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(sp =>
            sp.GetRequiredService<IOptions<StoreOptions>>().Value.IsPostgres
                ? sp.GetRequiredService<FormKeyRing>()
                : new EphemeralDataProtectionProvider(sp.GetRequiredService<ILoggerFactory>())));
        return services;
    }

    sealed class KeptNowhere : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => [];

        public void StoreElement(XElement element, string friendlyName) { }
    }
}
