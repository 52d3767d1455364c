using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Media.Platform.Tools;

/// <summary>Finds ffmpeg and ffprobe and reports their versions; media work is impossible without them.</summary>
public sealed class FfmpegTools(IOptions<FfmpegOptions> options)
{
    private readonly Lazy<Task<string>> _versions = new(() => ReadVersionsAsync(options.Value));

    public FfmpegOptions Options => options.Value;

    /// <summary>"ffmpeg version …; ffprobe version …", or a <see cref="StartupException"/> naming what is missing.</summary>
    public Task<string> VersionsAsync() => _versions.Value;

    private static async Task<string> ReadVersionsAsync(FfmpegOptions options) =>
        $"{await FirstLineAsync(options.FfmpegPath, "Media:Ffmpeg:FfmpegPath")}; {await FirstLineAsync(options.FfprobePath, "Media:Ffmpeg:FfprobePath")}";

    private static async Task<string> FirstLineAsync(string executable, string setting)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-hide_banner");
        start.ArgumentList.Add("-version");
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("no process");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"exit code {process.ExitCode}");
            }

            var line = output.Split('\n', 2)[0].Trim();
            return line.Length > 0 ? line : executable;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or OperationCanceledException)
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
