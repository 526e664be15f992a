using System.Runtime.CompilerServices;
using System.Text;

namespace Kalkan.Stats.Survey;

/// <summary>Numbers the strata in the order they first appear, without a string per row.</summary>
internal sealed class StrataIndex(int limit)
{
    const int ScanLimit = 32;
    readonly Dictionary<string, int> byName = [];
    readonly List<byte[]> keys = [];
    readonly List<string> names = [];
    int last = -1;

    public IReadOnlyList<string> Names => names;

    /// <summary>The stratum's number, -1 for a blank, or null when there would be too many.</summary>
    /// <remarks>Called once a row: fully optimised at once, as <see cref="SurveyRows.TryAddPlain"/> is.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int? Find(ReadOnlySpan<byte> value)
    {
        // Trimmed by hand: MemoryExtensions.Trim is not compiled ahead and would run unoptimised.
        int from = 0, to = value.Length;
        while (from < to && value[from] == (byte)' ') from++;
        while (to > from && value[to - 1] == (byte)' ') to--;
        value = value[from..to];
        if (value.IsEmpty) return -1;
        // Exports are usually grouped by place or time, so the previous row's stratum is the likely one.
        if (last >= 0 && Same(value, keys[last])) return last;
        if (keys.Count <= ScanLimit)
        {
            for (int i = 0; i < keys.Count; i++)
                if (Same(value, keys[i])) return last = i;
        }
        string name = Encoding.UTF8.GetString(value);
        if (byName.TryGetValue(name, out int index)) return last = index;
        if (names.Count >= limit) return null;
        keys.Add(value.ToArray());
        names.Add(name);
        byName[name] = names.Count - 1;
        return last = names.Count - 1;
    }

    // Strata names are a few bytes: compared in place rather than through a call into CoreLib.
    static bool Same(ReadOnlySpan<byte> value, byte[] key)
    {
        if (value.Length != key.Length) return false;
        for (int i = 0; i < key.Length; i++)
            if (value[i] != key[i]) return false;
        return true;
    }
}
