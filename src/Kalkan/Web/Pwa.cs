namespace Kalkan.Web;

/// <summary>
/// How the member pages install on a phone's home screen: under a neutral name and icon the
/// network chooses (Pwa:Name, Pwa:Icon192, Pwa:Icon512), never "Kalkan", so a glance at her
/// phone says nothing. The service worker (/sw.js) is a static file.
/// </summary>
public sealed class PwaOptions
{
    public const string Section = "Pwa";
    [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(30, MinimumLength = 1)]
    public string Name { get; set; } = "Notes";
    /// <summary>Paths on this server: a phone's home screen must fetch nothing from another host.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^/[^/].*", ErrorMessage = "Pwa:Icon192 must be a path on this server, starting with one /.")]
    public string Icon192 { get; set; } = "/icons/notes-192.png";
    [System.ComponentModel.DataAnnotations.RegularExpression("^/[^/].*", ErrorMessage = "Pwa:Icon512 must be a path on this server, starting with one /.")]
    public string Icon512 { get; set; } = "/icons/notes-512.png";
}

public static class Pwa
{
    public static IServiceCollection AddPwa(this IServiceCollection services)
    {
        services.AddOptions<PwaOptions>().BindConfiguration(PwaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapPwa(this IEndpointRouteBuilder app)
    {
        app.MapGet("/manifest.webmanifest", (IOptions<PwaOptions> options) =>
        {
            var o = options.Value;
            var manifest = new
            {
                name = o.Name,
                short_name = o.Name,
                start_url = "/alerts",
                scope = "/",
                display = "standalone",
                background_color = "#fafafa",
                theme_color = "#3a4a5c",
                icons = new[]
                {
                    new { src = o.Icon192, sizes = "192x192", type = "image/png", purpose = "any" },
                    new { src = o.Icon512, sizes = "512x512", type = "image/png", purpose = "any" },
                },
            };
            return Results.Text(JsonSerializer.Serialize(manifest), "application/manifest+json");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
