namespace Kalkan.Stats.Tests;

/// <summary>The reference cases copied from shared/oracle into Fixtures/oracle, which the build
/// puts beside the tests: the tests need nothing outside the repository.</summary>
static class Fixtures
{
    public static string Oracle => Path.Combine(AppContext.BaseDirectory, "Fixtures", "oracle");
}
