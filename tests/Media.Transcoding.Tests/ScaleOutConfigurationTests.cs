using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Platform.Storage;
using Media.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Transcoding.Tests;

/// <summary>
/// The scaled-out configuration, switched by settings only: metadata and Hangfire on PostgreSQL, blobs in
/// Azure Blob (Azurite). An upload goes all the way to a published ladder.
/// </summary>
public sealed class ScaleOutConfigurationTests(AzuriteFixture azurite, PostgresFixture postgres)
    : IClassFixture<AzuriteFixture>, IClassFixture<PostgresFixture>, IDisposable
{
    private readonly TempFolder _folder = new("scale-out");

    [Fact]
    public async Task Upload_OnPostgresAndAzureBlob_IsPublished()
    {
        var ct = TestContext.Current.CancellationToken;
        azurite.RequireAvailable();
        var database = await postgres.CreateDatabaseAsync();
        await using var server = new MediaServerFactory()
            .With("Media:Database:Provider", "PostgreSql")
            .With("Media:Database:ConnectionString", database)
            .With("Media:Jobs:Provider", "PostgreSql")
            .With("Media:Storage:Provider", "AzureBlob")
            .With("Media:Storage:ConnectionString", azurite.ConnectionString)
            .With("Media:Storage:Container", "scale-out");
        var source = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 6, size: "320x240");
        var teacher = await server.CreateClientForAsync("teacher");
        var content = await File.ReadAllBytesAsync(source, ct);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/") { Content = new ByteArrayContent(content) };
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", content.Length.ToString(CultureInfo.InvariantCulture));
        create.Content.Headers.ContentType = new("application/offset+octet-stream");
        var url = (await teacher.SendAsync(create, ct)).Headers.Location!.OriginalString;

        JsonElement lesson = default;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            var status = await teacher.GetFromJsonAsync<JsonElement>(url + "/status", ct);
            if (status.GetProperty("lessonId").ValueKind == JsonValueKind.String)
            {
                lesson = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{status.GetProperty("lessonId").GetString()}", ct);
                if (lesson.GetProperty("status").GetString() is "published" or "failed")
                {
                    break;
                }
            }

            await Task.Delay(250, ct);
        }

        Assert.Equal("published", lesson.GetProperty("status").GetString());
        var health = await teacher.GetFromJsonAsync<JsonElement>("/health/ready", ct);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var store = server.Services.GetRequiredService<IBlobStore>();
        Assert.Equal("AzureBlob", store.Provider);
        var id = Guid.Parse(lesson.GetProperty("id").GetString()!);
        var published = await store.ListAsync($"lessons/{id:N}/", ct).Select(b => b.Key).ToListAsync(ct);
        Assert.Contains(published, k => k.EndsWith("/master.m3u8", StringComparison.Ordinal));
        Assert.Contains(published, k => k.Contains("/240p/init", StringComparison.Ordinal));
        Assert.Contains(published, k => k.EndsWith("/240p/index.m3u8", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
