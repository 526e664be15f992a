using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kalkan.Tests.Infrastructure;

public static class RealServer
{
    /// <summary>Serves this Kalkan on real Kestrel at http://127.0.0.1:PORT, as `kalkan serve` does; returns its address.</summary>
    public static Uri ServeOnLoopback(this KalkanFactory kalkan)
    {
        kalkan.UseKestrel(0);
        kalkan.StartServer();
        var address = kalkan.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
    }
}
