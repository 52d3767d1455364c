using System.Diagnostics;

namespace Media.Platform.Tools;

/// <summary>
/// The one way the product runs an external tool (ffmpeg, ffprobe, janus-pp-rec): an argument list (never a
/// command line that a shell or a parser splits again), output captured, an optional time limit, and one rule for
/// stopping: cancellation or the time limit kills the whole process tree before the call returns, so no encoder
/// outlives the job that started it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A service that modules receive by injection.")]
public sealed class MediaToolRunner
{
    /// <summary>Runs the tool to its end. Throws <see cref="OperationCanceledException"/> when cancelled and <see cref="ToolTimedOutException"/> past the time limit (the process is gone in both cases).</summary>
    public async Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var tool = Start(command);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (command.Timeout is { } timeout)
        {
            limit.CancelAfter(timeout);
        }

        try
        {
            return await tool.Completion.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            await tool.KillAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw new ToolTimedOutException($"{Path.GetFileName(command.Executable)} did not finish within {command.Timeout}.");
        }
    }

    /// <summary>Starts a long-running tool (a live encoder) and hands back its handle; disposing the handle kills it.</summary>
    public RunningTool Start(ToolCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var start = new ProcessStartInfo(command.Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = command.KeepStandardInput,
            WorkingDirectory = command.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ToolFailedException($"{command.Executable} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolFailedException($"{command.Executable} could not be started: {e.Message}", e);
        }

        return new RunningTool(process, command);
    }
}

/// <summary>What to run and how to treat its output.</summary>
/// <param name="Executable">The program (a path or a name on PATH).</param>
/// <param name="Arguments">Each argument as the program receives it.</param>
public sealed record ToolCommand(string Executable, IReadOnlyList<string> Arguments)
{
    /// <summary>Past this, the process tree is killed and the run fails with <see cref="ToolTimedOutException"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set for the tool on top of this process's environment (e.g. a thread limit).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Called for every line of standard output (ffmpeg's <c>-progress pipe:1</c>); the output is then not kept.</summary>
    public Func<string, Task>? OnOutputLine { get; init; }

    /// <summary>Receives standard output as bytes (raw frames); the output is then not kept as text.</summary>
    public Stream? OutputTo { get; init; }

    /// <summary>Called for every line of standard error instead of keeping it (a live encoder's log).</summary>
    public Action<string>? OnErrorLine { get; init; }

    /// <summary>Keeps standard input open so that <see cref="RunningTool.StopAsync"/> can ask the tool to finish.</summary>
    public bool KeepStandardInput { get; init; }
}

/// <summary>How a tool ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">Standard output, unless it went to a callback or a stream.</param>
/// <param name="Errors">Standard error (where ffmpeg logs), unless it went to a callback.</param>
public sealed record ToolResult(int ExitCode, string Output, string Errors)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty lines of standard error (and output), for a one-line reason.</summary>
    public string Tail(int lines) =>
        string.Join(" | ", (Errors + "\n" + Output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
}

/// <summary>A started tool. Disposing it kills the process tree if it still runs.</summary>
public sealed class RunningTool : IAsyncDisposable
{
    private readonly Process _process;

    internal RunningTool(Process process, ToolCommand command)
    {
        _process = process;
        Completion = CollectAsync(process, command);
    }

    /// <summary>Completes when the process has exited and its output is read.</summary>
    public Task<ToolResult> Completion { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Asks the tool to finish by writing <paramref name="quit"/> to its input (ffmpeg: 'q'); kills it when it has not ended within <paramref name="patience"/>.</summary>
    public async Task StopAsync(char quit, TimeSpan patience)
    {
        try
        {
            await _process.StandardInput.WriteAsync(quit);
            await _process.StandardInput.FlushAsync();
            await Completion.WaitAsync(patience);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
            await KillAsync();
        }
    }

    /// <summary>Kills the process tree and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        try
        {
            await Completion;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // Its output ended with it; nothing more to read.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static async Task<ToolResult> CollectAsync(Process process, ToolCommand command)
    {
        var errors = ReadErrorsAsync(process, command.OnErrorLine);
        var output = string.Empty;
        if (command.OutputTo is { } sink)
        {
            await process.StandardOutput.BaseStream.CopyToAsync(sink, CancellationToken.None);
        }
        else if (command.OnOutputLine is { } onLine)
        {
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
            {
                await onLine(line);
            }
        }
        else
        {
            output = await process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        }

        var log = await errors;
        await process.WaitForExitAsync(CancellationToken.None);
        return new ToolResult(process.ExitCode, output, log);
    }

    private static async Task<string> ReadErrorsAsync(Process process, Action<string>? onLine)
    {
        if (onLine is null)
        {
            return await process.StandardError.ReadToEndAsync(CancellationToken.None);
        }

        while (await process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
        {
            onLine(line);
        }

        return string.Empty;
    }
}

/// <summary>A tool could not be started, or failed in a way its caller reports as a reason.</summary>
public sealed class ToolFailedException : Exception
{
    public ToolFailedException(string message)
        : base(message)
    {
    }

    public ToolFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>A tool ran past its time limit and was killed.</summary>
public sealed class ToolTimedOutException(string message) : Exception(message);
