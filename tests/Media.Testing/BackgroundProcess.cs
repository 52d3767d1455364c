using System.Diagnostics;

namespace Media.Testing;

/// <summary>A service the tests run beside them (Azurite, Janus, an OpenID provider): started with an argument list, its output drained, stopped with its children.</summary>
public static class BackgroundProcess
{
    /// <summary>Starts the program; every line it writes (stdout or stderr) goes to <paramref name="onLine"/>, or nowhere.</summary>
    public static Process Start(string file, IEnumerable<string> arguments, Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Forward(string? line)
        {
            if (line is not null)
            {
                onLine?.Invoke(line);
            }
        }
    }

    /// <summary>Kills the program and whatever it started, waits briefly for it, and releases it.</summary>
    public static void Stop(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
    }
}
