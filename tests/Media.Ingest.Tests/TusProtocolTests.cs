using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Media.Ingest.Uploads;
using Media.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Media.Ingest.Data;

namespace Media.Ingest.Tests;

/// <summary>The tus 1.0.0 protocol as the spec states it, against the real host.</summary>
public sealed class TusProtocolTests(MediaServerFactory factory) : IClassFixture<MediaServerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> TeacherAsync() => factory.CreateClientForAsync("teacher");

    [Fact]
    public async Task Options_Anonymous_AdvertisesVersionExtensionsAndLimits()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/uploads/");

        var response = await factory.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        Assert.Equal("creation,creation-with-upload,termination,checksum,expiration", response.Headers.GetValues("Tus-Extension").Single());
        Assert.Equal("sha1,sha256", response.Headers.GetValues("Tus-Checksum-Algorithm").Single());
        Assert.True(long.Parse(response.Headers.GetValues("Tus-Max-Size").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task CreateThenPatchInChunks_StoresEveryByteAndReportsOffsets()
    {
        var client = await TeacherAsync();
        var content = RandomNumberGenerator.GetBytes(300_000);
        var url = await TusHttp.CreateAsync(client, content.Length, TusHttp.Metadata(("filename", "lesson.mp4"), ("title", "背影")));

        Assert.Equal(0, await TusHttp.OffsetAsync(client, url));
        for (var offset = 0; offset < content.Length; offset += 100_000)
        {
            var response = await TusHttp.PatchAsync(client, url, offset, content[offset..(offset + 100_000)]);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal((offset + 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Upload-Offset").Single());
            Assert.True(response.Headers.Contains("Upload-Expires"));
        }

        var status = await TusHttp.WaitForVerdictAsync(client, url);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), status.Sha256);
        Assert.Equal("rejected", status.State);
        Assert.Contains("not in a supported video container", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_ReturnsLengthMetadataAndNoStore()
    {
        var client = await TeacherAsync();
        var metadata = TusHttp.Metadata(("filename", "a.mp4"), ("subject", "语文"));
        var url = await TusHttp.CreateAsync(client, 10, metadata);

        using var head = TusHttp.Request(HttpMethod.Head, url);
        var response = await client.SendAsync(head, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10", response.Headers.GetValues("Upload-Length").Single());
        Assert.Equal(metadata, response.Headers.GetValues("Upload-Metadata").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Patch_WrongOffset_Returns409AndStoresNothing()
    {
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, 100);
        await TusHttp.PatchAsync(client, url, 0, new byte[40]);

        var response = await TusHttp.PatchAsync(client, url, 10, new byte[30]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(40, await TusHttp.OffsetAsync(client, url));
    }

    [Fact]
    public async Task Patch_WrongContentType_Returns415()
    {
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, 100);
        using var request = TusHttp.Request(HttpMethod.Patch, url, new byte[10], 0);
        request.Content!.Headers.ContentType = new("application/octet-stream");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task AnyRequest_WithoutTusResumable_Returns412WithSupportedVersion()
    {
        var client = await TeacherAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/");
        request.Headers.Add("Upload-Length", "10");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
    }

    [Fact]
    public async Task Create_OverMaximumSize_Returns413Problem()
    {
        var client = await TeacherAsync();
        using var request = TusHttp.Request(HttpMethod.Post, "/api/uploads/");
        request.Headers.Add("Upload-Length", (64L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("urn:media:problem:upload-too-large", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_BadMetadata_Returns400()
    {
        var client = await TeacherAsync();
        using var request = TusHttp.Request(HttpMethod.Post, "/api/uploads/");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", "filename not*base64!");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Create_StudentOrAnonymous_IsRefused()
    {
        var student = await factory.CreateClientForAsync("student");
        using var asStudent = TusHttp.Request(HttpMethod.Post, "/api/uploads/");
        asStudent.Headers.Add("Upload-Length", "10");
        using var anonymous = TusHttp.Request(HttpMethod.Post, "/api/uploads/");
        anonymous.Headers.Add("Upload-Length", "10");

        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(asStudent, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().SendAsync(anonymous, Ct)).StatusCode);
    }

    [Fact]
    public async Task Upload_OfAnotherTeacher_IsNotFound()
    {
        var url = await TusHttp.CreateAsync(await TeacherAsync(), 10);
        var other = await factory.CreateClientForAsync("teacher2");

        var response = await TusHttp.PatchAsync(other, url, 0, new byte[5]);
        var status = await other.GetAsync(url + "/status", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    public async Task Patch_WithMatchingChecksum_IsStored(string algorithm)
    {
        var client = await TeacherAsync();
        var chunk = RandomNumberGenerator.GetBytes(5000);
        var url = await TusHttp.CreateAsync(client, 10_000);
        using var request = TusHttp.Request(HttpMethod.Patch, url, chunk, 0);
        var digest = algorithm == "sha1" ? SHA1.HashData(chunk) : SHA256.HashData(chunk);
        request.Headers.Add("Upload-Checksum", $"{algorithm} {Convert.ToBase64String(digest)}");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(5000, await TusHttp.OffsetAsync(client, url));
    }

    [Fact]
    public async Task Patch_WithWrongChecksum_Returns460AndDiscardsTheChunk()
    {
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, 10_000);
        await TusHttp.PatchAsync(client, url, 0, new byte[1000]);
        using var request = TusHttp.Request(HttpMethod.Patch, url, RandomNumberGenerator.GetBytes(2000), 1000);
        request.Headers.Add("Upload-Checksum", "sha1 " + Convert.ToBase64String(SHA1.HashData(new byte[2000])));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(460, (int)response.StatusCode);
        Assert.Equal(1000, await TusHttp.OffsetAsync(client, url));
    }

    [Fact]
    public async Task Patch_UnsupportedChecksumAlgorithm_Returns400()
    {
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, 100);
        using var request = TusHttp.Request(HttpMethod.Patch, url, new byte[10], 0);
        request.Headers.Add("Upload-Checksum", "md5 AAAA");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Create_WithUpload_StoresTheBodyAndReportsOffset()
    {
        var client = await TeacherAsync();
        using var request = TusHttp.Request(HttpMethod.Post, "/api/uploads/", new byte[700]);
        request.Headers.Add("Upload-Length", "1000");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("700", response.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(700, await TusHttp.OffsetAsync(client, response.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task Delete_Unfinished_RemovesUploadAndBytes()
    {
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, 100);
        await TusHttp.PatchAsync(client, url, 0, new byte[50]);

        using var delete = TusHttp.Request(HttpMethod.Delete, url);
        var response = await client.SendAsync(delete, Ct);
        using var head = TusHttp.Request(HttpMethod.Head, url);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(head, Ct)).StatusCode);
        var folder = Path.Combine(factory.DataPath, "blobs", "uploads", url.Split('/')[^1].Replace("-", "", StringComparison.Ordinal));
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any(), "the upload's bytes are gone");
    }

    [Fact]
    public async Task Patch_AfterExpiry_Returns410()
    {
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, 100);
        var id = Guid.Parse(url.Split('/')[^1]);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IngestDbContext>();
            var upload = await db.Uploads.SingleAsync(u => u.Id == id, Ct);
            upload.ExpiresAt = DateTimeOffset.UnixEpoch;
            await db.SaveChangesAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<ExpiredUploadSweeper>().SweepAsync(Ct);
        }

        var response = await TusHttp.PatchAsync(client, url, 0, new byte[10]);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task MethodOverride_PostAsPatch_IsAccepted()
    {
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, 100);
        using var request = TusHttp.Request(HttpMethod.Post, url, new byte[30], 0);
        request.Headers.Add("X-HTTP-Method-Override", "PATCH");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(30, await TusHttp.OffsetAsync(client, url));
    }
}
