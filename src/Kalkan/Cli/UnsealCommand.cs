using System.CommandLine;
using System.Net.Sockets;

namespace Kalkan.Cli;

/// <summary>
/// `kalkan unseal [--data DIR]`: the operator, on the server itself, unseals the Kalkan serving DIR
/// through its Unix socket, whatever the HTTP unseal's limits say (a flood cannot lock her out).
/// </summary>
static class UnsealCommand
{
    public static Command Create()
    {
        var data = KalkanCli.DataOption();
        var unseal = new Command("unseal", "Unseal the Kalkan serving this data folder, through its Unix socket. The passphrase comes from KALKAN_UNSEAL_PASSPHRASE, else it is asked for.") { data };
        unseal.SetAction((result, ct) => RunAsync(result.GetValue(data)!, ct));
        return unseal;
    }

    static async Task<int> RunAsync(string data, CancellationToken ct)
    {
        var path = UnsealSocket.PathIn(Path.GetFullPath(data));
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No Kalkan is serving {data}: there is no unseal socket at {path}. Start it with `kalkan serve --data {data}`.");
            return 1;
        }
        var passphrase = Secret.Ask("KALKAN_UNSEAL_PASSPHRASE", "Unseal passphrase: ");
        UnsealSocket.Answer? answer;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var request = JsonSerializer.Serialize(new UnsealSocket.Request(passphrase), JsonSerializerOptions.Web) + "\n";
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request), ct);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var line = await reader.ReadLineAsync(ct);
            answer = line is null ? null : JsonSerializer.Deserialize<UnsealSocket.Answer>(line, JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is SocketException or IOException or JsonException)
        {
            Console.Error.WriteLine($"Could not reach the Kalkan serving {data} ({e.GetType().Name}). Is it running, and are you its account?");
            return 1;
        }
        if (answer?.State == "ready")
        {
            Console.WriteLine("Kalkan is unsealed.");
            return 0;
        }
        Console.Error.WriteLine(answer?.Error ?? "Kalkan did not answer.");
        return 1;
    }
}
