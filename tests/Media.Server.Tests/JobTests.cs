using System.Collections.Concurrent;
using Hangfire;
using Media.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Server.Tests;

/// <summary>Hangfire runs in the host on the embedded SQLite storage.</summary>
public sealed class JobTests(MediaServerFactory factory) : IClassFixture<MediaServerFactory>
{
    [Fact]
    public async Task Enqueue_InProcessWorker_RunsTheJob()
    {
        _ = factory.CreateClient();
        var marker = Guid.NewGuid().ToString("N");
        var ran = RecordingJob.Runs.GetOrAdd(marker, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

        var id = factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => RecordingJob.Record(marker));

        try
        {
            Assert.Equal(marker, await ran.Task.WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken));
        }
        catch (TimeoutException)
        {
            var job = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(id);
            Assert.Fail("Job did not run: " + string.Join(" | ", job?.History.Select(h => h.StateName + " " + h.Reason + " " + string.Join(",", h.Data)) ?? []));
        }
        Assert.True(File.Exists(Path.Combine(factory.DataPath, "jobs.db")));
    }
}

/// <summary>A job Hangfire can serialise and run; it reports back to the waiting test.</summary>
public static class RecordingJob
{
    public static ConcurrentDictionary<string, TaskCompletionSource<string>> Runs { get; } = new();

    public static void Record(string marker) => Runs[marker].TrySetResult(marker);
}
