using System.ComponentModel;
using System.Diagnostics;

namespace Kalkan.Documents;

public enum PrintOutcome { Printed, Unavailable, Failed }

public sealed record Printed(PrintOutcome Outcome, byte[]? Pdf);

/// <summary>
/// Prints an HTML document to PDF with Debian's Chromium, headless, driven over the DevTools
/// protocol on a pipe (--remote-debugging-pipe): the page goes in as a string and the PDF comes
/// back as bytes, so neither touches the disk, no port is opened that another local account could
/// reach, and nothing appears on a command line. Chromium still needs a profile folder: a fresh
/// one in the data folder's tmp/ (owner only), deleted as soon as the print is done. One print at
/// a time: on a small server a second Chromium would only make both slower.
/// </summary>
public sealed class PdfPrinter(IOptions<DocumentOptions> options, IOptions<StoreOptions> store, ILogger<PdfPrinter> log)
{
    static readonly SemaphoreSlim OnePrint = new(1, 1);

    public bool Available => File.Exists(options.Value.ChromiumPath);

    public async Task<Printed> PrintAsync(string html, CancellationToken ct)
    {
        if (!Available) return new(PrintOutcome.Unavailable, null);
        await OnePrint.WaitAsync(ct);
        var profile = Path.Combine(store.Value.DataDir, "tmp", "chromium-" + Guid.NewGuid().ToString("N"));
        Process? browser = null;
        try
        {
            DataFolder.Ensure(profile);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.PrintTimeout);
            browser = Start(profile);
            // A read on the pipe may not heed the token: ending the browser closes the pipe, which ends the read.
            await using var stop = timeout.Token.Register(() => Kill(browser));
            var pipe = new DevToolsPipe(browser.StandardInput.BaseStream, browser.StandardOutput.BaseStream);
            var pdf = await PrintOverAsync(pipe, html, timeout.Token);
            log.LogInformation("Printed a PDF of {Bytes} bytes.", pdf.Length);
            return new(PrintOutcome.Printed, pdf);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is IOException or DevToolsException or OperationCanceledException
            or System.Text.Json.JsonException or Win32Exception or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            // The kind only: a message could quote the page.
            log.LogWarning("Printing a PDF failed ({Kind}).", e.GetType().Name);
            return new(PrintOutcome.Failed, null);
        }
        finally
        {
            await StopAsync(browser);
            OnePrint.Release();
            DeleteProfile(profile);
        }
    }

    static async Task<byte[]> PrintOverAsync(DevToolsPipe pipe, string html, CancellationToken ct)
    {
        var target = (await pipe.CallAsync("Target.createTarget", new { url = "about:blank" }, null, ct)).GetProperty("targetId").GetString();
        var session = (await pipe.CallAsync("Target.attachToTarget", new { targetId = target, flatten = true }, null, ct)).GetProperty("sessionId").GetString();
        await pipe.CallAsync("Emulation.setScriptExecutionDisabled", new { value = true }, session, ct);
        var frame = (await pipe.CallAsync("Page.getFrameTree", null, session, ct)).GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString();
        await pipe.CallAsync("Page.setDocumentContent", new { frameId = frame, html }, session, ct);
        var printed = await pipe.CallAsync("Page.printToPDF", new { printBackground = true, preferCSSPageSize = true }, session, ct);
        var pdf = Convert.FromBase64String(printed.GetProperty("data").GetString()!);
        await pipe.SendAsync("Browser.close", ct);
        return pdf;
    }

    Process Start(string profile)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // Chromium reads DevTools messages on fd 3 and writes them on fd 4: the shell puts our pipes there.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null");
        start.ArgumentList.Add(options.Value.ChromiumPath);
        foreach (var flag in (string[])["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-gpu", "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--mute-audio",
                     "--disable-crash-reporter", "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"])
            start.ArgumentList.Add(flag);
        // Whatever Chromium would keep under the home folder goes to the throwaway profile instead.
        start.Environment["HOME"] = profile;
        start.Environment["XDG_CONFIG_HOME"] = profile;
        start.Environment["XDG_CACHE_HOME"] = profile;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        process.ErrorDataReceived += (_, _) => { }; // drained so it never blocks, and never logged
        process.BeginErrorReadLine();
        return process;
    }

    static async Task StopAsync(Process? browser)
    {
        if (browser is null) return;
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await browser.WaitForExitAsync(grace.Token); }
        catch (OperationCanceledException) { Kill(browser); await browser.WaitForExitAsync(CancellationToken.None); }
        browser.Dispose();
    }

    static void Kill(Process browser)
    {
        try { if (!browser.HasExited) browser.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it ended meanwhile
    }

    static void DeleteProfile(string profile)
    {
        try { if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
