namespace Kalkan.Seal;

/// <summary>
/// For reads that go on without a row they cannot open: each row is opened on its own, and one
/// changed on disk (its sealed fields fail their check) is left out and counted in the log, never
/// named, so one such row cannot take every other row of a list (or of a catch-up) down with it.
/// Callers for whom a row that does not open must stop everything keep letting it throw. Even when no
/// row opens the answer is what did (none): failing instead was tried, and took a defender's event
/// stream down with it (its greeting lists the open calls); and whoever can change rows on disk can as
/// well delete them, which no check here could tell from an empty list. The log line is the signal.
/// </summary>
public static class SealedRows
{
    public static List<TView> OpenEach<TRow, TView>(IEnumerable<TRow> rows, Func<TRow, TView> open, ILogger log, string what) =>
        Open(rows, open, null, log, what);

    /// <summary>What each row opens to, by the row's key (its id): the rows that do not open are not in it.</summary>
    public static Dictionary<TKey, TView> OpenById<TRow, TKey, TView>(IEnumerable<TRow> rows, Func<TRow, TKey> key, Func<TRow, TView> open, ILogger log, string what)
        where TKey : notnull =>
        OpenEach(rows, r => (Key: key(r), View: open(r)), log, what).ToDictionary(r => r.Key, r => r.View);

    /// <summary>
    /// A list someone manages from (a defenders' console): each row opened, and one that does not open shown as
    /// <paramref name="blank"/> makes it (what the store holds in the clear), so that it can still be removed. Counted in the log.
    /// </summary>
    public static List<TView> OpenEachOrBlank<TRow, TView>(IEnumerable<TRow> rows, Func<TRow, TView> open, Func<TRow, TView> blank, ILogger log, string what) =>
        Open(rows, open, blank, log, what);

    /// <summary>One row's field where the rest of the row is still of use: <paramref name="blank"/> when it does not open (counted in the log).</summary>
    public static TView OpenOne<TRow, TView>(TRow row, Func<TRow, TView> open, TView blank, ILogger log, string what) =>
        Open([row], open, _ => blank, log, what)[0];

    static List<TView> Open<TRow, TView>(IEnumerable<TRow> rows, Func<TRow, TView> open, Func<TRow, TView>? blank, ILogger log, string what)
    {
        var views = new List<TView>();
        var unopened = 0;
        foreach (var row in rows)
        {
            try
            {
                views.Add(open(row));
            }
            catch (CryptographicException)
            {
                unopened++;
                if (blank is not null) views.Add(blank(row));
            }
        }
        if (unopened > 0) log.LogError("{Count} {What} could not be opened and were {Done}", unopened, what, blank is null ? "left out" : "shown blank");
        return views;
    }
}
