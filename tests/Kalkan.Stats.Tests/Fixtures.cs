namespace Kalkan.Stats.Tests;

/// <summary>
/// The oracle cases, kept in this repository (tests/Kalkan.Stats.Tests/Fixtures) and copied beside
/// the tests when they build, so a fresh clone tests itself with nothing around it.
/// </summary>
static class Fixtures
{
    public static string Oracle => Path.Combine(AppContext.BaseDirectory, "Fixtures", "oracle");
}
