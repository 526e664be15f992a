using Microsoft.AspNetCore.Localization;

namespace Kalkan.Web;

/// <summary>Marker for the strings shared by every page (SharedResource.*.resx beside it). Keys are the English text.</summary>
public sealed class SharedResource;

public static class Localization
{
    /// <summary>English, Russian and Kyrgyz first (design.md), then Swahili, Burmese and Spanish (the member pages; decision 1302).</summary>
    public static readonly string[] Languages = ["en", "ru", "ky", "sw", "my", "es"];

    public static IServiceCollection AddKalkanLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(l => new CultureInfo(l)).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.ApplyCurrentCultureToResponseHeaders = true;
            // ?lang=ru switches, a cookie remembers it, and otherwise the phone's own language wins.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider { CookieName = LanguageCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public const string LanguageCookie = "__Host-lang";

    /// <summary>
    /// Remembers a language chosen with ?lang= so the next page keeps it. Not async: a request
    /// passing through keeps no state of this middleware (an open stream lasts hours).
    /// </summary>
    public static IApplicationBuilder UseLanguageChoice(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Query.TryGetValue("lang", out var lang) && Languages.Contains(lang.ToString()))
        {
            context.Response.Cookies.Append(LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang.ToString())),
                new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        }
        return next(context);
    });
}
