using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Media.Platform.Tools;

/// <summary>Finds ffmpeg and ffprobe and reports their versions; media work is impossible without them.</summary>
public sealed class FfmpegTools(IOptions<FfmpegOptions> options, MediaToolRunner runner)
{
    private readonly Lazy<Task<string>> _versions = new(() => ReadVersionsAsync(runner, options.Value));

    public FfmpegOptions Options => options.Value;

    /// <summary>"ffmpeg version …; ffprobe version …", or a <see cref="StartupException"/> naming what is missing.</summary>
    public Task<string> VersionsAsync() => _versions.Value;

    private static async Task<string> ReadVersionsAsync(MediaToolRunner runner, FfmpegOptions options) =>
        $"{await FirstLineAsync(runner, options.FfmpegPath, "Media:Ffmpeg:FfmpegPath")}; {await FirstLineAsync(runner, options.FfprobePath, "Media:Ffmpeg:FfprobePath")}";

    private static async Task<string> FirstLineAsync(MediaToolRunner runner, string executable, string setting)
    {
        try
        {
            var result = await runner.RunAsync(new ToolCommand(executable, ["-hide_banner", "-version"]) { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new ToolFailedException($"exit code {result.ExitCode}");
            }

            var line = result.Output.Split('\n', 2)[0].Trim();
            return line.Length > 0 ? line : executable;
        }
        catch (Exception e) when (e is ToolFailedException or ToolTimedOutException)
        {
            throw new StartupException(
                $"'{executable}' cannot be run ({e.Message}). Install ffmpeg ('apt-get install ffmpeg') or set {setting}.", e);
        }
    }
}

/// <summary>Refuses to start a host that could not process media.</summary>
internal sealed class FfmpegStartupCheck(FfmpegTools tools) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => tools.VersionsAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class FfmpegHealthCheck(FfmpegTools tools) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy(await tools.VersionsAsync());
        }
        catch (StartupException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
