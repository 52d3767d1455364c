using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Ingest.Tests;

/// <summary>What a client says about an upload is held to the limits before anything is stored.</summary>
public sealed class TusLimitTests(MediaServerFactory factory) : IClassFixture<MediaServerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_BodyLongerThanUploadLength_Is413AndCreatesNothing()
    {
        var client = await factory.CreateClientForAsync("teacher");
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/uploads/", Ct)).GetArrayLength();
        using var request = TusHttp.Request(HttpMethod.Post, "/api/uploads/", new byte[100]);
        request.Headers.Add("Upload-Length", "10");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>("/api/uploads/", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task Patch_PastUploadLength_Is413AndStoresNothingOfIt()
    {
        var client = await factory.CreateClientForAsync("teacher");
        var url = await TusHttp.CreateAsync(client, 10);

        var response = await TusHttp.PatchAsync(client, url, 0, new byte[25]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await TusHttp.OffsetAsync(client, url));
        Assert.Equal("receiving", (await client.GetFromJsonAsync<JsonElement>(url + "/status", Ct)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Create_TitleLongerThanTheCatalogKeeps_Is400()
    {
        var client = await factory.CreateClientForAsync("teacher");
        using var request = TusHttp.Request(HttpMethod.Post, "/api/uploads/");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", TusHttp.Metadata(("title", new string('课', 15_000))));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("title", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\课例\\背影.mp4", "背影.mp4")]
    [InlineData("bad\0name.mp4", "badname.mp4")]
    [InlineData("..", "upload")]
    public void PlainFileName_DropsFoldersAndControlCharacters(string given, string stored) =>
        Assert.Equal(stored, Media.Ingest.Uploads.TusMetadata.PlainFileName(given));
}
