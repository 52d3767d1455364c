using Hangfire;
using Media.Platform;
using Media.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Media.Transcoding.Data;

namespace Media.Transcoding.Jobs;

/// <summary>
/// With the embedded SQLite job storage there is exactly one worker process, so a transcode still marked
/// running when it starts was cut off by a crash: it is queued again at once instead of waiting for the job
/// storage's invisibility timeout. (With PostgreSQL, several workers share the queue and Hangfire's sliding
/// invisibility timeout hands a dead worker's job to another.)
/// </summary>
internal sealed class TranscodeRecovery(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    HostRoleAccessor role,
    ILogger<TranscodeRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = StartupOptions.Read<JobsOptions>(configuration, JobsOptions.Section);
        if (!role.Role.RunsJobs() || !string.Equals(jobs.Provider, JobsOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TranscodingDbContext>();
        var client = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        foreach (var transcode in await db.Transcodes.Where(t => t.State == TranscodeState.Running).ToListAsync(cancellationToken))
        {
            transcode.State = TranscodeState.Queued;
            client.Enqueue<TranscodeJob>(job => job.RunAsync(transcode.LessonId, null, CancellationToken.None));
            logger.LogWarning("Lesson {Lesson}: transcoding was interrupted; queued again", transcode.LessonId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
