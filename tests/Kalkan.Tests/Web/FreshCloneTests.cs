namespace Kalkan.Tests.Web;

/// <summary>A newcomer clones the repository alone and follows the README: nothing outside it is needed.</summary>
public class FreshCloneTests
{
    [Fact]
    public void No_test_reads_a_folder_outside_the_repository()
    {
        var root = Shared.RepoRoot();
        // Spelled in pieces so this file does not find itself.
        string[] outside = [".." + "/shared", "\"..\", \"" + "shared\"", "KALKAN_" + "SHARED"];
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => outside.Any(File.ReadAllText(f).Contains))
            .Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.True(offenders.Count == 0, "Read outside the repository: " + string.Join(", ", offenders));
        Assert.True(File.Exists(Shared.Path("vectors", "argon2id-rfc9106.json")), "the fixtures are not beside the tests");
    }

    /// <summary>`dotnet run --project src/Kalkan -- serve` runs where it was typed, so ./kalkan-data is the caller's, as the README says.</summary>
    [Fact]
    public async Task Dotnet_run_starts_Kalkan_in_the_folder_it_was_typed_in()
    {
        var here = Directory.CreateTempSubdirectory("kalkan-cwd-");
        try
        {
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = here.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "msbuild", Path.Combine(Shared.RepoRoot(), "src", "Kalkan", "Kalkan.csproj"), "-getProperty:RunWorkingDirectory" })
                info.ArgumentList.Add(arg);
            using var msbuild = Process.Start(info)!;
            var output = await msbuild.StandardOutput.ReadToEndAsync();
            await msbuild.WaitForExitAsync();
            Assert.Equal(0, msbuild.ExitCode);
            Assert.Equal(Path.TrimEndingDirectorySeparator(here.FullName), Path.TrimEndingDirectorySeparator(output.Trim()));
        }
        finally
        {
            here.Delete(recursive: true);
        }
    }
}
