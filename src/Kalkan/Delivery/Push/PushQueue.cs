using System.Threading.Channels;

namespace Kalkan.Delivery.Push;

/// <summary>Pushes waiting to be sent, so publishing never waits on a push service.</summary>
public sealed class PushQueue
{
    readonly Channel<Audience> pending = Channel.CreateBounded<Audience>(new BoundedChannelOptions(1000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    public void Enqueue(Audience audience) => pending.Writer.TryWrite(audience);

    public ChannelReader<Audience> Reader => pending.Reader;
}
