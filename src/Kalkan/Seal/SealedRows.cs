namespace Kalkan.Seal;

/// <summary>
/// For reads that go on without a row they cannot open: each row is opened on its own, and one
/// changed on disk (its sealed fields fail their check) is left out and counted in the log, never
/// named, so one such row cannot take every other row of a list (or of a catch-up) down with it.
/// Callers for whom a row that does not open must stop everything keep letting it throw. When not one
/// row opens (<c>noneIsAnAnswer</c> false), that is no answer: a list shown to a defender as empty would
/// say that nobody needs help, so it fails loudly instead (a store restored under another network's
/// keys, or every row changed).
/// </summary>
public static class SealedRows
{
    public static List<TView> OpenEach<TRow, TView>(IEnumerable<TRow> rows, Func<TRow, TView> open, ILogger log, string what, bool noneIsAnAnswer = true)
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
            }
        }
        if (unopened == 0) return views;
        log.LogError("{Count} {What} could not be opened and were left out", unopened, what);
        if (views.Count == 0 && !noneIsAnAnswer) throw new CryptographicException($"None of the {unopened} {what} could be opened.");
        return views;
    }
}
