using Kalkan.Web.Logging;
using Kalkan.Web.FormKeys;
using Microsoft.AspNetCore.Http.Features;

namespace Kalkan.Web;

public static class WebServices
{
    public static WebApplicationBuilder AddKalkanHost(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["urls"] is null) builder.WebHost.UseUrls("http://127.0.0.1:5080");
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = BodyLimit.MaxBytes;
        });
        // Kestrel's buffers in blocks of 1 KiB: what ten thousand open streams each hold while a frame is sent.
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, SmallBlocks>();
        var dataDir = builder.Configuration[$"{StoreOptions.Section}:{nameof(StoreOptions.DataDir)}"] ?? new StoreOptions().DataDir;
        builder.Logging.ClearProviders();
        // Request lines carry paths and queries (an invitation code, a place); EF's commands
        // carry nothing personal but drown what matters. Defaults here, so no settings file can forget them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);
        // Its request lines are below Warning anyway, but with the category on at all the host gives
        // every request an Activity, held for as long as the request runs: hours, for each open stream.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Error); // it warns that our no-store overrides its no-cache
        builder.Logging.AddProvider(new LineLoggerProvider(Path.Combine(dataDir, "logs"), console: !builder.Environment.IsEnvironment("Testing")));
        return builder;
    }

    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        // Keys for anti-forgery tokens: in memory on SQLite, shared and sealed in the store on PostgreSQL (decision 1610).
        services.AddFormKeys();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemText.Localize);
        services.AddExceptionHandler<Problems>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = BodyLimit.MaxBytes);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(Results.Problem(title: "Too many attempts; wait a little and try again.", statusCode: 429).ExecuteAsync(context.HttpContext));
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__af";
        });
        services.AddRazorPages(o => o.RootDirectory = "/");
        // Cyrillic, Burmese and the rest as characters, not as &#x...; escapes three times their size.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<Idempotency>();
        services.AddCompression();
        services.AddPwa();
        services.AddOptions<QuickExitOptions>().BindConfiguration(QuickExitOptions.Section)
            .Validate(o => o.IsValid(), "QuickExit:Url must be a path on this server or an https URL.").ValidateOnStart();
        services.AddKalkanLocalization();
        services.AddOpenApi();
        return services;
    }

    /// <summary>The order matters: headers and errors wrap everything, the seal gate stands before any feature.</summary>
    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseSecureTransport();
        app.UseMiddleware<SecurityHeaders>();
        // Routing this early lets a short-circuit endpoint (health, polled by monitors) answer
        // with the headers above and nothing else of the pipeline.
        app.UseRouting();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodyLimit>();
        app.UseRequestLocalization();
        app.UseLanguageChoice();
        app.UseTextSize();
        app.UseCompression();
        app.MapPwa();
        app.UseStaticFiles(new StaticFileOptions
        {
            // A versioned URL (asp-append-version) never changes: a phone on 2G keeps it and does not ask again.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        return app;
    }
}
