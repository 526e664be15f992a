using System.Net.Sockets;

namespace Kalkan.Seal;

/// <summary>
/// The operator's door: `kalkan unseal` on the server itself reaches the running server through a
/// Unix domain socket in the data folder, beyond the HTTP rate limit and slowdown that a flood from
/// the network may have run up. Only the account that runs Kalkan can reach it: the socket is 0600
/// in a folder of its own that is 0700, and whoever can open it can read the store anyway.
/// One request line, one answer line, both JSON.
/// </summary>
public sealed class UnsealSocket(Unsealer unsealer, SealState seal, IOptions<StoreOptions> options, ILogger<UnsealSocket> log) : BackgroundService
{
    public sealed record Request(string? Passphrase);
    public sealed record Answer(string State, string? Error = null);

    const int MaxRequestBytes = 4096;
    static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    public static string FolderIn(string dataDir) => Path.Combine(dataDir, "run");
    public static string PathIn(string dataDir) => Path.Combine(FolderIn(dataDir), "unseal.sock");

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (OperatingSystem.IsWindows()) return;
        var path = PathIn(Path.GetFullPath(options.Value.DataDir));
        using var listener = Listen(path);
        if (listener is null) return;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(stopping);
                _ = ServeAsync(client, stopping);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            try { File.Delete(path); } catch (IOException) { }
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    Socket? Listen(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
            // Set, not just asked for at creation: the folder may be left over with other rights.
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (File.Exists(path)) File.Delete(path); // left by a server that did not stop cleanly
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(4);
            return socket;
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException or ArgumentException)
        {
            log.LogWarning("The operator's unseal socket could not be opened ({Type}); unseal over HTTP", e.GetType().Name);
            return null;
        }
    }

    async Task ServeAsync(Socket client, CancellationToken stopping)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(ReadTimeout);
            await using var stream = new NetworkStream(client, ownsSocket: true);
            var line = await ReadLineAsync(stream, timeout.Token);
            var answer = await AnswerAsync(Parse(line), stopping);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(answer, JsonSerializerOptions.Web) + "\n"), stopping);
        }
        catch (Exception e)
        {
            // Whatever went wrong (a client that hung up, a store that did not answer), the
            // listener goes on; the passphrase is never part of what is logged.
            log.LogWarning("An unseal request on the socket was dropped ({Type})", e.GetType().Name);
            client.Dispose();
        }
    }

    static Request? Parse(string? line)
    {
        try { return line is null ? null : JsonSerializer.Deserialize<Request>(line, JsonSerializerOptions.Web); }
        catch (JsonException) { return null; }
    }

    async Task<Answer> AnswerAsync(Request? request, CancellationToken ct)
    {
        if (request?.Passphrase is not { Length: > 0 and <= 1024 } passphrase)
            return new Answer(SealEndpoints.StateName(seal.Status), "Give the unseal passphrase.");
        return await unsealer.ByOperatorAsync(passphrase, ct) switch
        {
            UnsealOutcome.Ready => new Answer("ready"),
            UnsealOutcome.Uninitialized => new Answer("uninitialized", "Kalkan is not set up yet."),
            _ => new Answer("sealed", "That passphrase does not unseal Kalkan."),
        };
    }

    static async Task<string?> ReadLineAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0) break;
            length += read;
            var end = Array.IndexOf(buffer, (byte)'\n', 0, length);
            if (end >= 0) return Encoding.UTF8.GetString(buffer, 0, end);
        }
        return length == 0 || length == buffer.Length ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}
