namespace Kalkan.Storage;

public static class DataFolder
{
    /// <summary>The data folder's subfolders of sealed files, kept by Incidents and Cases and carried by backups.</summary>
    public const string Evidence = "evidence", CaseDocuments = "case-documents";

    public static readonly string[] SealedFileFolders = [Evidence, CaseDocuments];

    /// <summary>Only the operator's account may read the data folder.</summary>
    public static void Ensure(string path)
    {
        if (!OperatingSystem.IsWindows())
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        else
            Directory.CreateDirectory(path);
    }
}
