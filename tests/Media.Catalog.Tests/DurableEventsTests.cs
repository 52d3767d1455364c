using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Catalog.Search;
using Media.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Catalog.Tests;

/// <summary>
/// Module events go through the publisher's outbox: while the catalog's index refuses writes (a fault switch in this
/// test only), a published lesson's delivery is kept, retried and shown to administrators with its error; once the
/// index works again the lesson becomes searchable and nothing is left undelivered.
/// </summary>
public sealed class DurableEventsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("durable-events");
    private readonly FailingIndex _fault = new();
    private readonly MediaServerFactory _server;

    public DurableEventsTests()
    {
        _server = new MediaServerFactory()
            .With("Media:Events:RetryDelay", "00:00:00.200")
            .With("Media:Events:MaxRetryDelay", "00:00:01")
            .With("Media:Events:PollInterval", "00:00:00.200")
            .WithLessonIndex(_fault.Wrap);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task IndexFailing_PublishedLessonIsRetriedAndVisibleToAdmins_ThenSearchable()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var admin = await _server.CreateClientForAsync("admin");
        var video = Path.Combine(_folder.Path, "lesson.mp4");
        await Ffmpeg.LessonAsync(video, seconds: 2, size: "160x90");
        _fault.Failing = true;
        // The catalog indexes before it calls a lesson published, so the lesson waits in "processing" meanwhile.
        var upload = await LessonApi.UploadAsync(teacher, video, "浮力的持久投递");
        var lessonId = await LessonApi.WaitForAcceptedAsync(teacher, upload);

        // Retried, not lost: the delivery waits with the index's error and a count of tries.
        var pending = await PollAsync(admin, "/api/admin/events", s => s.GetProperty("undelivered").EnumerateArray()
            .Any(d => d.GetProperty("eventType").GetString() == "LessonPublished" && d.GetProperty("attempts").GetInt32() >= 2));
        var delivery = pending.GetProperty("undelivered").EnumerateArray().First(d => d.GetProperty("eventType").GetString() == "LessonPublished");
        Assert.Contains("index is down", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("transcoding", delivery.GetProperty("module").GetString());
        Assert.Empty((await Search(admin)).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/api/admin/events", Ct)).StatusCode);

        _fault.Failing = false;
        Assert.Equal("published", (await LessonApi.WaitForLessonAsync(teacher, upload)).GetProperty("status").GetString());
        await PollAsync(admin, "/api/admin/events", s => s.GetProperty("retrying").GetInt32() == 0 && s.GetProperty("waiting").GetInt32() == 0);
        Assert.Contains((await Search(admin)).EnumerateArray(), item => item.GetProperty("id").GetGuid() == lessonId);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/admin/events/{delivery.GetProperty("id").GetGuid()}/replay", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task IndexFailingFirstTries_FiftyPublishedLessons_AllBecomeSearchable()
    {
        const int count = 50;
        var admin = await _server.CreateClientForAsync("admin");
        var teacherId = (await (await _server.CreateClientForAsync("teacher")).GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid();
        _fault.FailFirstTries = 2;
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        // Fifty lessons waiting for their renditions, then fifty LessonPublished events in one save: what fifty finished
        // transcodes announce, without transcoding fifty videos here (the event is published through the catalog's own
        // outbox, which makes no difference to delivery: subscribers are found by the event's type).
        using (var scope = _server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Media.Catalog.Data.CatalogDbContext>();
            var events = scope.ServiceProvider.GetRequiredService<Media.Platform.Events.DomainEvents>();
            db.Lessons.AddRange(ids.Select((id, i) => new Media.Catalog.Lessons.Lesson
            {
                Id = id, Title = $"浮力的批量投递 第{i + 1}课", Status = Media.Catalog.Lessons.LessonStatus.Processing, OwnerId = teacherId, SourceBlobKey = $"uploads/{id:N}/source", Sha256 = Convert.ToHexStringLower(id.ToByteArray()),
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync(Ct);
            foreach (var id in ids)
            {
                events.Publish(db, new Media.Transcoding.Contracts.LessonPublished(
                    id, $"lessons/{id:N}/1/", $"lessons/{id:N}/1/master.m3u8", $"lessons/{id:N}/1/poster.jpg", [], [new(0, "导入")], null));
            }

            await db.SaveChangesAsync(Ct);
        }

        // While the index refuses them, the deliveries wait with their error, visible to administrators.
        var pending = await PollAsync(admin, "/api/admin/events?take=200", s => s.GetProperty("undelivered").EnumerateArray()
            .Count(d => d.GetProperty("eventType").GetString() == "LessonPublished" && d.GetProperty("attempts").GetInt32() >= 1) >= 10);
        Assert.Contains(pending.GetProperty("undelivered").EnumerateArray(), d => d.GetProperty("lastError").GetString()!.Contains("index is down", StringComparison.Ordinal));

        var found = await PollAsync(admin, "/api/catalog/search?pageSize=100&q=" + Uri.EscapeDataString("批量投递"), s => s.GetProperty("total").GetInt64() == count);
        Assert.Equal(ids.Order(), found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order());
        await PollAsync(admin, "/api/admin/events", s => s.GetProperty("retrying").GetInt32() == 0 && s.GetProperty("waiting").GetInt32() == 0);
        Assert.All(ids, id => Assert.True(_fault.Tries(id) > 2, $"lesson {id} was indexed without failing first"));
    }

    private static async Task<JsonElement> Search(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=" + Uri.EscapeDataString("持久投递"), Ct)).GetProperty("items");

    private static async Task<JsonElement> PollAsync(HttpClient client, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (true)
        {
            var value = await client.GetFromJsonAsync<JsonElement>(path, Ct);
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{path} never reached the expected state: {value}");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>The real index, refusing writes while <see cref="Failing"/> is set.</summary>
    private sealed class FailingIndex
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _tries = new();

        public volatile bool Failing;

        /// <summary>Each lesson's first this many writes fail.</summary>
        public int FailFirstTries;

        public int Tries(Guid lessonId) => _tries.GetValueOrDefault(lessonId);

        public ILessonIndex Wrap(ILessonIndex inner) => new Wrapped(inner, this);

        private bool Refuses(IReadOnlyCollection<LessonDocument> lessons)
        {
            var refused = Failing;
            foreach (var lesson in lessons)
            {
                refused |= _tries.AddOrUpdate(lesson.Id, 1, (_, n) => n + 1) <= FailFirstTries;
            }

            return refused;
        }

        private sealed class Wrapped(ILessonIndex inner, FailingIndex fault) : DelegatingLessonIndex(inner)
        {
            public override Task UpsertAsync(IReadOnlyCollection<LessonDocument> lessons, CancellationToken cancellationToken) =>
                fault.Refuses(lessons) ? throw new IOException("The index is down (test fault).") : base.UpsertAsync(lessons, cancellationToken);

            public override Task<long> ReplaceAllAsync(IAsyncEnumerable<LessonDocument> lessons, CancellationToken cancellationToken) =>
                fault.Failing ? throw new IOException("The index is down (test fault).") : base.ReplaceAllAsync(lessons, cancellationToken);
        }
    }
}
