namespace Kalkan.Bench;

/// <summary>
/// The baseline for the health figure: Kestrel with one endpoint returning the same constant JSON,
/// no middleware, in a process of its own started the same way as Kalkan.
/// </summary>
static class BareServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(args.SkipWhile(a => a != "--urls").Skip(1).FirstOrDefault() ?? "http://127.0.0.1:5181");
        var app = builder.Build();
        app.MapGet("/api/v1/health", () => Results.Text("{\"state\":\"ready\"}", "application/json"));
        await app.RunAsync();
        return 0;
    }
}
