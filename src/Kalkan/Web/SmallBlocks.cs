using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;

namespace Kalkan.Web;

/// <summary>
/// Kestrel's connection buffers in pinned blocks of 1 KiB instead of its own 4 KiB. An open stream
/// writes a heartbeat or a frame of a few hundred bytes, and every open stream writes at once (each
/// heartbeat, each alert): each holds a block until its socket has sent it, so the pool grows to a
/// block per stream, 40 MB for 10,000 streams in blocks of 4 KiB (bench/README.md, fan-out). A
/// larger answer spans more blocks; a receive asks for 2 KiB, which the pipe takes from the shared
/// array pool instead. Blocks not needed since the last trim (every 30 s, longer than the
/// streams' heartbeat) go back to the collector, as Kestrel's own pool does.
/// </summary>
public sealed class SmallBlocks(TimeProvider clock) : IMemoryPoolFactory<byte>
{
    public const int BlockSize = 1024;
    static readonly TimeSpan TrimEvery = TimeSpan.FromSeconds(30);

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new Pool(clock);

    sealed class Pool : MemoryPool<byte>
    {
        readonly ConcurrentQueue<Block> free = new();
        readonly ITimer trim;
        int rented, mostRented, blocks;
        volatile bool disposed;

        public Pool(TimeProvider clock) => trim = clock.CreateTimer(_ => Trim(), null, TrimEvery, TrimEvery);

        public override int MaxBufferSize => BlockSize;

        public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
            var now = Interlocked.Increment(ref rented);
            for (var seen = Volatile.Read(ref mostRented); now > seen; seen = Volatile.Read(ref mostRented))
                if (Interlocked.CompareExchange(ref mostRented, now, seen) == seen) break;
            if (free.TryDequeue(out var block)) return block;
            Interlocked.Increment(ref blocks);
            return new Block(this);
        }

        void Return(Block block)
        {
            Interlocked.Decrement(ref rented);
            if (disposed) return;
            free.Enqueue(block);
        }

        /// <summary>Lets go of the blocks beyond the most that were rented at once since the last trim.</summary>
        void Trim()
        {
            var needed = Interlocked.Exchange(ref mostRented, Volatile.Read(ref rented));
            for (var excess = Volatile.Read(ref blocks) - needed; excess > 0 && free.TryDequeue(out _); excess--)
                Interlocked.Decrement(ref blocks);
        }

        protected override void Dispose(bool disposing)
        {
            disposed = true;
            trim.Dispose();
            free.Clear();
        }

        sealed class Block(Pool pool) : IMemoryOwner<byte>
        {
            public Memory<byte> Memory { get; } = MemoryMarshal.CreateFromPinnedArray(GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true), 0, BlockSize);

            public void Dispose() => pool.Return(this);
        }
    }
}
