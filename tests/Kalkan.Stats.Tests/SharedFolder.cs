namespace Kalkan.Stats.Tests;

/// <summary>Finds ../shared next to the repository (or KALKAN_SHARED), where the oracle lives.</summary>
static class SharedFolder
{
    public static string Oracle => Path.Combine(Root, "oracle");

    static string Root
    {
        get
        {
            if (Environment.GetEnvironmentVariable("KALKAN_SHARED") is { Length: > 0 } shared) return shared;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Kalkan.slnx")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
            throw new DirectoryNotFoundException("No folder holding Kalkan.slnx above " + AppContext.BaseDirectory);
        }
    }
}
