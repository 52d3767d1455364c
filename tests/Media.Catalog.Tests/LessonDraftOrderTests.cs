using System.Net.Http.Json;
using System.Text.Json;
using Media.Catalog.Data;
using Media.Catalog.Lessons;
using Media.Ingest.Contracts;
using Media.Testing;
using Media.Transcoding.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Catalog.Tests;

/// <summary>
/// MediaAccepted has two handlers (the catalog's draft, transcoding's queue) and their order is not promised: when the
/// transcode got ahead, its LessonProcessing / LessonPublished found no lesson here. The draft then catches up with
/// what transcoding recorded, so no order loses a status.
/// </summary>
public sealed class LessonDraftOrderTests : IAsyncLifetime
{
    // Role "api" runs no jobs: nothing but this test moves the lesson.
    private readonly MediaServerFactory _server = new MediaServerFactory().With("role", "api");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Draft_TranscodeAlreadyPublished_LessonIsPublishedWithItsChaptersAndSearchable()
    {
        var lessonId = Guid.NewGuid();
        var chapters = new[] { new ChapterMark(0, "导入"), new ChapterMark(60, "新授") };

        await DraftAsync(Accepted(lessonId, "先发布后建档的课例"), new TranscodeSnapshot(lessonId, TranscodeStage.Published, null, chapters));

        var admin = await _server.CreateClientForAsync("admin");
        var lesson = await admin.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}", Ct);
        Assert.Equal("published", lesson.GetProperty("status").GetString());
        var search = await admin.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=" + Uri.EscapeDataString("先发布后建档"), Ct);
        Assert.Contains(search.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == lessonId);
        var titles = (await admin.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}/chapters", Ct)).EnumerateArray().Select(c => c.GetProperty("title").GetString());
        Assert.Equal(["导入", "新授"], titles);
    }

    [Theory]
    [InlineData(TranscodeStage.Processing, "processing")]
    [InlineData(TranscodeStage.Failed, "failed")]
    [InlineData(TranscodeStage.Queued, "draft")]
    public async Task Draft_TranscodeAhead_LessonTakesItsStatus(TranscodeStage stage, string status)
    {
        var lessonId = Guid.NewGuid();

        await DraftAsync(Accepted(lessonId, "转码先行的课例"), new TranscodeSnapshot(lessonId, stage, stage == TranscodeStage.Failed ? "ffmpeg failed" : null, []));

        var admin = await _server.CreateClientForAsync("admin");
        Assert.Equal(status, (await admin.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}", Ct)).GetProperty("status").GetString());
    }

    /// <summary>The catalog's own handler with the real database and index; only transcoding's answer is given.</summary>
    private async Task DraftAsync(MediaAccepted accepted, TranscodeSnapshot transcode)
    {
        _ = _server.CreateClient();
        await using var scope = _server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var handler = new LessonDraftHandler(
            services.GetRequiredService<CatalogDbContext>(), services.GetRequiredService<LessonLifecycle>(), new RecordedTranscode(transcode), TimeProvider.System);
        await handler.HandleAsync(accepted, Ct);
    }

    private static MediaAccepted Accepted(Guid lessonId, string title) => new(
        lessonId, Guid.NewGuid(), null, $"uploads/{lessonId:N}/source", new string('a', 64), 1000,
        new MediaFacts("mp4", 120, 640, 360, 25, "h264", "aac", 800_000), new Dictionary<string, string> { [LessonMetadataKeys.Title] = title });

    private sealed class RecordedTranscode(TranscodeSnapshot snapshot) : ITranscodeProgress
    {
        public Task<TranscodeSnapshot?> FindAsync(Guid lessonId, CancellationToken cancellationToken) =>
            Task.FromResult<TranscodeSnapshot?>(lessonId == snapshot.LessonId ? snapshot : null);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
