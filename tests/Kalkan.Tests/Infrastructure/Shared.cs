namespace Kalkan.Tests.Infrastructure;

/// <summary>The project's ../shared folder (vectors, oracle), found from the test's output folder.</summary>
public static class Shared
{
    public static string Path(params string[] parts)
    {
        var root = Environment.GetEnvironmentVariable("KALKAN_SHARED");
        if (string.IsNullOrEmpty(root)) root = System.IO.Path.Combine(RepoRoot(), "..", "shared");
        return System.IO.Path.Combine([root, .. parts]);
    }

    /// <summary>The repository: the folder holding Kalkan.slnx, above the tests' output folder.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Kalkan.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Kalkan.slnx not found above the tests");
    }
}
