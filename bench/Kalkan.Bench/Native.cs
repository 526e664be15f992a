using System.Diagnostics;

namespace Kalkan.Bench;

/// <summary>The benchmark's small C programs (native/*.c beside the bench), built with gcc at the start of a run.</summary>
static class Native
{
    public static string Build(string name, string folder)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "native", name + ".c");
        var program = Path.Combine(folder, name);
        using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-O2", "-o", program, source]) { RedirectStandardError = true })
                        ?? throw new InvalidOperationException("gcc is missing: apt-get install gcc");
        var errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0) throw new InvalidOperationException($"gcc could not build {name}.c: {errors}");
        return program;
    }

    public static Process Start(string program, params string[] args) =>
        Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })
        ?? throw new InvalidOperationException("cannot start " + program);
}
