using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kalkan.Tests.Infrastructure;

/// <summary>A tile provider on a loopback port that answers every tile with the same PNG (Map:TileUrl = its URL + "/{z}/{x}/{y}.png").</summary>
public static class FakeTileServer
{
    public static async Task<WebApplication> StartAsync(byte[] png)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{z}/{x}/{y}.png", () => Results.Bytes(png, "image/png"));
        await app.StartAsync();
        return app;
    }
}
