using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Ingest.Tests;

/// <summary>One person's unfinished uploads are bounded in number and in the bytes they claim; finishing or cancelling frees room.</summary>
public sealed class UploadQuotaTests : IAsyncDisposable
{
    private readonly MediaServerFactory _server = new MediaServerFactory()
        .With("Media:Ingest:MaxOpenUploadsPerUser", "3")
        .With("Media:Ingest:MaxOpenUploadBytesPerUser", "1000");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_BeyondTheOpenUploadCount_Is429UntilOneIsCancelled()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var open = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await TusHttp.CreateAsync(teacher, 10));
        }

        var refused = await CreateAsync(teacher, 10);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var otherTeacher = await CreateAsync(await _server.CreateClientForAsync("teacher2"), 10);
        using var cancel = TusHttp.Request(HttpMethod.Delete, open[0]);
        Assert.Equal(HttpStatusCode.NoContent, (await teacher.SendAsync(cancel, Ct)).StatusCode);
        var afterCancelling = await CreateAsync(teacher, 10);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("urn:media:problem:upload-quota", problem.GetProperty("type").GetString());
        Assert.Contains("3 unfinished uploads", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, otherTeacher.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterCancelling.StatusCode);
    }

    [Fact]
    public async Task Create_ClaimingMoreBytesThanAreLeft_Is429AndAFinishedUploadNoLongerCounts()
    {
        var teacher = await _server.CreateClientForAsync("teacher2");
        var first = await TusHttp.CreateAsync(teacher, 600);

        var tooMuch = await CreateAsync(teacher, 600);
        var fits = await CreateAsync(teacher, 400);
        Assert.Equal(HttpStatusCode.NoContent, (await TusHttp.PatchAsync(teacher, first, 0, new byte[600])).StatusCode);
        var afterFinishing = await CreateAsync(teacher, 600);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooMuch.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterFinishing.StatusCode);
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, long length)
    {
        using var request = TusHttp.Request(HttpMethod.Post, "/api/uploads/");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        return await client.SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

/// <summary>What a person keeps counts against their storage quota: an accepted lesson leaves less room for the next upload.</summary>
public sealed class StorageQuotaTests : IAsyncDisposable
{
    private const long Quota = 400_000;

    private readonly TempFolder _folder = new("storage-quota");
    private readonly MediaServerFactory _server = new MediaServerFactory().With("Media:Ingest:MaxStoredBytesPerUser", Quota.ToString(CultureInfo.InvariantCulture));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_PastTheStorageQuota_Is429WhileWhatFitsIsAccepted()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var video = _folder.Combine("kept.mp4");
        await Ffmpeg.LessonAsync(video, seconds: 1, size: "160x120");
        var size = new FileInfo(video).Length;
        Assert.InRange(size, 1, Quota / 2);
        await LessonApi.WaitForAcceptedAsync(teacher, await LessonApi.UploadAsync(teacher, video, "占用空间的课"));

        var tooMuch = await CreateAsync(teacher, Quota - size + 1);
        var fits = await CreateAsync(teacher, Quota - size);
        var problem = await tooMuch.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooMuch.StatusCode);
        Assert.Contains("storage quota", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, long length)
    {
        using var request = TusHttp.Request(HttpMethod.Post, "/api/uploads/");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        return await client.SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
