using System.Diagnostics;

namespace Media.Testing;

/// <summary>Runs a program to completion with an argument list (no shell), capturing its output; kills it on timeout.</summary>
public static class TestProcess
{
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} still ran after {timeout}: {await output}");
        }

        return new ProcessResult(process.ExitCode, await output, await errors);
    }
}

public sealed record ProcessResult(int ExitCode, string Output, string Errors)
{
    public string[] ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
