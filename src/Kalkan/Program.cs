using Kalkan.Alerts;
using Kalkan.Audit;
using Kalkan.Cases;
using Kalkan.Background;
using Kalkan.Circles;
using Kalkan.Cli;
using Kalkan.Delivery;
using Kalkan.Incidents;
using Kalkan.Limits;
using Kalkan.Identity.Members;
using Kalkan.Places;
using Kalkan.Research;
using Kalkan.Identity.Sessions;
using Kalkan.Setup;
using Kalkan.Warnings;

namespace Kalkan;

/// <summary>
/// Kalkan is one program: `kalkan VERB` on the command line (Cli/), and the web host that
/// `kalkan serve` starts, composed here feature by feature.
/// </summary>
public class Program
{
    public static Task<int> Main(string[] args) =>
        KalkanCli.IsHostingTool(args) ? ServeAsync(args) : KalkanCli.RunAsync(args);

    /// <summary>Runs the web host. Its arguments are configuration (--Store:DataDir=...), as ASP.NET Core reads them.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // `dotnet run --project src/Kalkan` runs from the repository root: settings and static
            // files belong to the program, not to wherever it was started from.
            ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
        }).AddKalkanHost();

        builder.Services
            .AddWeb()
            .AddStore()
            .AddBackground()
            .AddAudit()
            .AddSeal()
            .AddLimits()
            .AddMembers()
            .AddSessions()
            .AddSetup()
            .AddDelivery()
            .AddCircles()
            .AddResearch()
            .AddAlerts()
            .AddIncidents()
            .AddPlaces()
            .AddCases()
            .AddWarnings();

        var app = builder.Build();

        app.UseWeb();
        app.UseSealGate();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication, so a per-member limit sees her; after authorization, so a caller
        // turned away never spends anyone's permits.
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapSeal();
        app.MapSetup();
        app.MapSessions();
        app.MapMembers();
        app.MapCircles();
        app.MapResearch();
        app.MapDelivery();
        app.MapAlerts();
        app.MapIncidents();
        app.MapPlaces();
        app.MapCases();
        app.MapWarnings();
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapFallback(NothingHere.Answer);

        return app;
    }
}
