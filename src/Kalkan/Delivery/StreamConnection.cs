using System.IO.Pipelines;
using System.Threading.Tasks.Sources;

namespace Kalkan.Delivery;

/// <summary>
/// One open stream: whose it is, and the frames waiting to be written to it. Ten thousand of
/// these stay open for hours, so each is one small object: a queue that grows only while frames
/// wait, and one reusable wake-up for its writer, instead of a channel (seven objects and a lock
/// of its own) and the token sources that used to end the writer (docs/decisions/0501).
/// Closing wakes the writer with false and cancels a flush stuck on a slow phone.
/// </summary>
sealed class StreamConnection(Listener listener, int capacity) : IValueTaskSource<bool>
{
    readonly Queue<byte[]> frames = new(0);
    ManualResetValueTaskSourceCore<bool> wake = new() { RunContinuationsAsynchronously = true };
    bool waiting, closed, grown;
    PipeWriter? output;

    public Guid MemberId => listener.MemberId;
    public string Role => listener.Role;
    public Guid SessionId => listener.SessionId;

    /// <summary>Queues a frame; false when the stream is closed or its queue is full (it is too slow: close it).</summary>
    public bool TryWrite(byte[] frame)
    {
        lock (frames)
        {
            if (closed || frames.Count >= capacity) return false;
            frames.Enqueue(frame);
            grown |= frames.Count > 4;
            if (!waiting) return true;
            waiting = false;
        }
        // Outside the lock, and the writer goes on elsewhere: a publisher fanning out to every stream never runs one's writer.
        wake.SetResult(true);
        return true;
    }

    /// <summary>The next frame waiting, if the stream is still open.</summary>
    public bool TryTake(out byte[] frame)
    {
        lock (frames)
        {
            if (!closed && frames.TryDequeue(out frame!))
            {
                // A burst grew the queue: give its array back once the burst is written.
                if (frames.Count == 0 && grown)
                {
                    frames.TrimExcess();
                    grown = false;
                }
                return true;
            }
            frame = [];
            return false;
        }
    }

    /// <summary>True once a frame waits, false once the stream is closed.</summary>
    public ValueTask<bool> WaitAsync()
    {
        lock (frames)
        {
            if (closed) return new(false);
            if (frames.Count > 0) return new(true);
            wake.Reset();
            waiting = true;
            return new(this, wake.Version);
        }
    }

    /// <summary>The response this stream writes to, so that closing can cancel a flush that waits on the phone; null detaches it before the request ends.</summary>
    public void WritesTo(PipeWriter? response)
    {
        lock (frames) output = closed ? null : response;
    }

    public void Close()
    {
        bool wakeWriter;
        lock (frames)
        {
            if (closed) return;
            closed = true;
            frames.Clear();
            frames.TrimExcess();
            wakeWriter = waiting;
            waiting = false;
            // Under the lock, so a response detached when its request ended is never touched.
            output?.CancelPendingFlush();
            output = null;
        }
        if (wakeWriter) wake.SetResult(false);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => wake.GetResult(token);
    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => wake.GetStatus(token);
    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        wake.OnCompleted(continuation, state, token, flags);
}
