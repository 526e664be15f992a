namespace Kalkan.Storage;

public static class DataFolder
{
    /// <summary>Only the operator's account may read the data folder.</summary>
    public static void Ensure(string path)
    {
        if (!OperatingSystem.IsWindows())
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        else
            Directory.CreateDirectory(path);
    }
}
