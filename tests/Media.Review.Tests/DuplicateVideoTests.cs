using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using static Media.Review.Tests.ReviewWorld;

namespace Media.Review.Tests;

/// <summary>Near-duplicate detection with real ffmpeg: a re-encoded, rescaled copy of a lesson is flagged; a different lesson is not.</summary>
public sealed class DuplicateVideoTests : IAsyncLifetime
{
    // The all-in-one role runs the background jobs (fingerprinting, transcoding) in-process.
    private readonly ReviewWorld _world = new("all");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ReEncodedCopy_IsFlaggedAsSimilar_ADifferentLessonIsNot()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var teacher2 = await _world.ClientAsync("teacher2");
        var original = _world.Folder("original.mp4");
        var copy = _world.Folder("copy.mp4");
        var other = _world.Folder("other.mp4");
        await Ffmpeg.LessonAsync(original, seconds: 3);
        await Ffmpeg.RunAsync("-i", original, "-vf", "scale=352:288,eq=brightness=0.03", "-c:v", "libx264", "-crf", "35", "-preset", "ultrafast", "-c:a", "aac", copy);
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=300", "-t", "3",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", other);
        var campaign = await CampaignAsync(admin, new { name = "2026年一师一优课", year = 2026, standard = Lenient });
        var originalLesson = await _world.LessonAsync(teacher, "《背影》", source: original);
        var copyLesson = await _world.LessonAsync(teacher2, "《背影》（重新提交）", source: copy);
        var otherLesson = await _world.LessonAsync(teacher, "《春》", source: other);
        foreach (var (client, lesson) in new[] { (teacher, originalLesson), (teacher2, copyLesson), (teacher, otherLesson) })
        {
            await DraftAsync(client, campaign, lesson);
        }

        Dictionary<Guid, string> similar = [];
        for (var attempt = 0; attempt < 120 && similar.Values.Count(v => v.Length > 0) < 2; attempt++)
        {
            await Task.Delay(500, Ct);
            var rows = (await admin.GetStringAsync($"/api/review/campaigns/{campaign}/statistics.csv", Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1);
            similar = rows.Select(r => r.Split(',')).ToDictionary(f => Guid.Parse(f[1]), f => f[^1]);
        }

        Assert.Equal(copyLesson.ToString(), similar[originalLesson]);
        Assert.Equal(originalLesson.ToString(), similar[copyLesson]);
        Assert.Equal("", similar[otherLesson]);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();
}
