using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Media.Catalog.Search;
using Media.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Catalog.Tests;

/// <summary>
/// Two writers of one lesson's index entry at once: a refresh that read the lesson before its captions were saved is
/// held just before it writes, while the captions arrive. The entry must end up with the captions: the writer that
/// read first may not write last (found as a flaky page test, where a caption line was found by the API and then lost).
/// </summary>
public sealed class IndexWriteOrderTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("index-write-order");
    private readonly HeldIndex _held = new();
    private readonly MediaServerFactory _server;

    public IndexWriteOrderTests() => _server = new MediaServerFactory().WithLessonIndex(_held.Wrap);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _held.Release();
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task RefreshHeldBeforeItWrites_CaptionsSavedMeanwhile_TheEntryKeepsTheCaptions()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var student = await _server.CreateClientForAsync("student");
        var video = Path.Combine(_folder.Path, "lesson.mp4");
        await Ffmpeg.LessonAsync(video, seconds: 3, size: "160x90");
        var lessonId = await LessonApi.PublishAsync(teacher, video, "欧姆定律的探究");

        _held.Hold(lessonId);
        var staleRefresh = Task.Run(async () =>
        {
            await using var scope = _server.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LessonIndexer>().RefreshAsync(lessonId, Ct);
        }, Ct);
        await _held.Entered.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        using var captions = new StringContent("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n电流与电压成正比\n", Encoding.UTF8, "text/vtt");
        var put = teacher.PutAsync($"/api/lessons/{lessonId}/captions/zh-CN?label=" + Uri.EscapeDataString("中文"), captions, Ct);
        // Time for a captions write that does not wait its turn to land first; a correct one waits for the held writer.
        await Task.WhenAny(put, Task.Delay(TimeSpan.FromSeconds(3), Ct));
        _held.Release();
        await staleRefresh;
        Assert.Equal(HttpStatusCode.OK, (await put).StatusCode);

        JsonElement hit = default;
        await Eventually.HoldsAsync(async () =>
        {
            var found = await student.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=" + Uri.EscapeDataString("电流与电压成正比"), Ct);
            hit = found.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("id").GetGuid() == lessonId);
            return hit.ValueKind == JsonValueKind.Object && hit.GetProperty("moments").GetArrayLength() > 0;
        }, TimeSpan.FromMinutes(1), () => $"lesson {lessonId} in the search: {(hit.ValueKind == JsonValueKind.Object ? hit.GetRawText() : "not found")}");
        Assert.Equal(1, hit.GetProperty("moments")[0].GetProperty("startSeconds").GetDouble());
    }

    /// <summary>The real index, holding the next write of one lesson until released.</summary>
    private sealed class HeldIndex
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private Guid? _lesson;

        public Task Entered => _entered.Task;

        public void Hold(Guid lessonId)
        {
            lock (_gate)
            {
                _lesson = lessonId;
            }
        }

        public void Release() => _released.TrySetResult();

        public ILessonIndex Wrap(ILessonIndex inner) => new Wrapped(inner, this);

        private async Task WaitIfHeldAsync(IReadOnlyCollection<LessonDocument> lessons)
        {
            lock (_gate)
            {
                if (_lesson is not { } lesson || !lessons.Any(l => l.Id == lesson))
                {
                    return;
                }

                _lesson = null;
            }

            _entered.TrySetResult();
            await _released.Task;
        }

        private sealed class Wrapped(ILessonIndex inner, HeldIndex held) : DelegatingLessonIndex(inner)
        {
            public override async Task UpsertAsync(IReadOnlyCollection<LessonDocument> lessons, CancellationToken cancellationToken)
            {
                await held.WaitIfHeldAsync(lessons);
                await base.UpsertAsync(lessons, cancellationToken);
            }
        }
    }
}
