namespace Kalkan.Delivery;

/// <summary>
/// The frames of one batch and, for each stream, the part of it that stream may hear, joined into
/// one buffer. Streams that hear all of it (the defenders, for missed check-ins) share one buffer.
/// </summary>
sealed class FrameBatch(byte[][] frames, int[] audienceOf, int audienceCount)
{
    byte[]? whole;

    /// <summary>What this stream hears of the batch, in id order, or null when nothing.</summary>
    public byte[]? For(IReadOnlyList<Audience> audiences, StreamConnection connection)
    {
        var hears = new bool[audienceCount];
        var count = 0;
        for (var a = 0; a < audienceCount; a++)
            if (hears[a] = audiences[a].Includes(connection.MemberId, connection.Role)) count++;
        if (count == 0) return null;
        if (count == audienceCount) return whole ??= Join(Enumerable.Range(0, frames.Length));
        return Join(Enumerable.Range(0, frames.Length).Where(i => hears[audienceOf[i]]));
    }

    byte[] Join(IEnumerable<int> which)
    {
        var list = which.ToList();
        var buffer = new byte[list.Sum(i => frames[i].Length)];
        var at = 0;
        foreach (var i in list)
        {
            frames[i].CopyTo(buffer, at);
            at += frames[i].Length;
        }
        return buffer;
    }
}
