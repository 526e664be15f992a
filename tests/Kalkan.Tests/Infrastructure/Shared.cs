namespace Kalkan.Tests.Infrastructure;

/// <summary>
/// Fixtures (RFC vectors, an oracle case) kept in tests/Kalkan.Tests/Fixtures and copied beside the
/// tests, and the repository itself: a fresh clone tests itself with nothing around it.
/// </summary>
public static class Shared
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>The repository: the folder holding Kalkan.slnx, above the tests' output folder.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Kalkan.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Kalkan.slnx not found above the tests");
    }
}
