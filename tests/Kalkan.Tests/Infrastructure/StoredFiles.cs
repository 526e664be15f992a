namespace Kalkan.Tests.Infrastructure;

/// <summary>
/// The files a seized data folder would yield: every file under it but the running server's unseal
/// socket (run/unseal.sock), which holds nothing and cannot be opened as a file.
/// </summary>
public static class StoredFiles
{
    public static List<string> Under(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".sock", StringComparison.Ordinal))
            .ToList();
}
