using System.Globalization;
using Media.Platform.Tools;

namespace Media.Platform.Tests.Tools;

/// <summary>The one rule for every external tool: cancelling or running out of time kills the whole process tree.</summary>
public sealed class MediaToolRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheToolAndItsChildren()
    {
        var runner = new MediaToolRunner();
        var childPid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var command = new ToolCommand("sh", ["-c", "sleep 600 & echo $!; wait"])
        {
            OnOutputLine = line =>
            {
                childPid.TrySetResult(int.Parse(line, CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            },
        };

        var run = runner.RunAsync(command, cancel.Token);
        var child = await childPid.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        Assert.True(IsAlive(child));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(IsAlive(child), $"child {child} of the cancelled tool still runs");
    }

    [Fact]
    public async Task RunAsync_PastItsTimeLimit_KillsTheToolAndSaysSo()
    {
        var runner = new MediaToolRunner();
        var command = new ToolCommand("sh", ["-c", "echo started >&2; sleep 600"]) { Timeout = TimeSpan.FromMilliseconds(300) };

        var failure = await Assert.ThrowsAsync<ToolTimedOutException>(() => runner.RunAsync(command, Ct));

        Assert.Contains("sh did not finish", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Finished_ReturnsExitCodeOutputAndErrors()
    {
        var result = await new MediaToolRunner().RunAsync(new ToolCommand("sh", ["-c", "echo 'two words'; echo oops >&2; exit 3"]), Ct);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("two words\n", result.Output);
        Assert.Equal("oops | two words", result.Tail(2));
    }

    [Fact]
    public async Task Start_StopAsync_AsksTheToolToFinishThroughItsInput()
    {
        await using var tool = new MediaToolRunner().Start(new ToolCommand("sh", ["-c", "head -c 1 >/dev/null; exit 0"]) { KeepStandardInput = true });

        await tool.StopAsync('q', TimeSpan.FromMinutes(1));

        Assert.Equal(0, (await tool.Completion).ExitCode);
    }

    [Fact]
    public async Task Start_MissingProgram_FailsWithItsName()
    {
        var failure = Assert.Throws<ToolFailedException>(() => new MediaToolRunner().Start(new ToolCommand("/nonexistent/ffmpeg", [])));

        Assert.Contains("/nonexistent/ffmpeg", failure.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    /// <summary>Running or sleeping; a killed child that no one has reaped yet is a zombie and counts as gone.</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
