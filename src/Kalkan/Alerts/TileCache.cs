using Kalkan.Identity.Members;

namespace Kalkan.Alerts;

public sealed class MapOptions
{
    public const string Section = "Map";

    /// <summary>Where tiles come from, fetched by the server only; empty turns the maps off. Respect the provider's usage policy.</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public int MaxZoom { get; set; } = 18;
    public string UserAgent { get; set; } = "Kalkan tile cache (self-hosted)";
    /// <summary>Where the map opens when there is nothing on it yet (the network's city).</summary>
    public double CenterLat { get; set; } = 42.8746;
    public double CenterLon { get; set; } = 74.5698;
}

/// <summary>
/// Map tiles through the server: a phone asks only this server, never the tile provider, so no
/// other host learns who looks at which streets. Tiles are kept in the data folder and fetched once
/// per tile, stored so a seized disk does not say which area was viewed: each file is named by a
/// keyed hash of z/x/y and its content is sealed to that name (a clear tile could be matched
/// against the provider's). Only an unsealed server serves tiles, so the key is always there.
/// </summary>
public static class TileCache
{
    const string Client = "tiles";

    public static IServiceCollection AddTileCache(this IServiceCollection services)
    {
        services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section)
            .Validate(o => o.MaxZoom is >= 0 and <= 22 && Geo.IsPlace(o.CenterLat, o.CenterLon), "Map: MaxZoom 0-22 and a valid centre")
            .ValidateOnStart();
        // No request logging: tile URLs say which streets someone looked at.
        services.AddHttpClient(Client, c => c.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        return services;
    }

    public static IEndpointRouteBuilder MapTiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/{z:int}/{x:int}/{y:int}.png", Tile).RequireAuthorization(Roles.Member).RequireRateLimiting(AlertEndpoints.GroupLimit).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Tile(int z, int x, int y, HttpContext context,
        IOptions<MapOptions> map, IOptions<StoreOptions> store, IHttpClientFactory http, SealState seal, FieldCipher cipher, CancellationToken ct)
    {
        if (z < 0 || z > map.Value.MaxZoom || x < 0 || y < 0 || x >= 1 << z || y >= 1 << z)
            return TypedResults.Problem(title: "No such tile.", statusCode: StatusCodes.Status404NotFound);
        var (file, where) = Locate(store.Value.DataDir, seal, z, x, y);
        byte[]? png = null;
        try
        {
            if (File.Exists(file)) png = cipher.Decrypt(await File.ReadAllBytesAsync(file, ct), where);
        }
        catch (Exception e) when (e is CryptographicException or IOException) { } // damaged or foreign: fetched again
        if (png is null && !string.IsNullOrEmpty(map.Value.TileUrl))
        {
            try
            {
                var url = map.Value.TileUrl.Replace("{z}", z.ToString()).Replace("{x}", x.ToString()).Replace("{y}", y.ToString());
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.UserAgent.ParseAdd(map.Value.UserAgent);
                using var response = await http.CreateClient(Client).SendAsync(request, ct);
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "image/png")
                {
                    png = await response.Content.ReadAsByteArrayAsync(ct);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    var partial = file + "." + Guid.NewGuid().ToString("N");
                    await File.WriteAllBytesAsync(partial, cipher.Encrypt(png, where), ct);
                    File.Move(partial, file, overwrite: true);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
        }
        if (png is null) return TypedResults.Problem(title: "This part of the map is not available.", statusCode: StatusCodes.Status503ServiceUnavailable);
        // Tiles say nothing about anyone; letting the phone keep them spares a 2G connection.
        context.Response.Headers.CacheControl = "private, max-age=604800";
        return TypedResults.File(png, "image/png");
    }

    /// <summary>The tile's file (tiles/HASH.tile) and the place its sealed content is bound to.</summary>
    static (string File, FieldRef Where) Locate(string dataDir, SealState seal, int z, int x, int y)
    {
        var name = HMACSHA256.HashData(seal.KeyFor("tiles/name"), Encoding.ASCII.GetBytes($"{z}/{x}/{y}"));
        return (Path.Combine(dataDir, "tiles", Convert.ToHexStringLower(name) + ".tile"), new FieldRef("tiles", "png", new Guid(name.AsSpan(0, 16))));
    }
}
