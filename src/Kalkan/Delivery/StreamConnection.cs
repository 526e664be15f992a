using System.Threading.Channels;

namespace Kalkan.Delivery;

/// <summary>One open stream: whose it is, and the frames waiting to be written to it.</summary>
sealed class StreamConnection(Guid memberId, string role, Guid sessionId, int capacity)
{
    readonly CancellationTokenSource closed = new();

    public Guid MemberId => memberId;
    public string Role => role;
    public Guid SessionId => sessionId;
    public Channel<byte[]> Queue { get; } = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping silently
    });
    public CancellationToken Closed => closed.Token;

    public void Close()
    {
        Queue.Writer.TryComplete();
        try { closed.Cancel(); } catch (ObjectDisposedException) { }
    }
}
