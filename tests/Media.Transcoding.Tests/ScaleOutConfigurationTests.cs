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
        var lesson = await LessonApi.WaitForLessonAsync(teacher, await LessonApi.UploadAsync(teacher, source), TimeSpan.FromSeconds(300));

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
