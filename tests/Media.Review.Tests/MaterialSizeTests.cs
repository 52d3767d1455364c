using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using static Media.Review.Tests.ReviewWorld;

namespace Media.Review.Tests;

/// <summary>Materials up to the documented 100 MiB are taken over a real socket, past Kestrel's default 30,000,000-byte body limit.</summary>
public sealed class MaterialSizeTests : IAsyncLifetime
{
    private readonly ReviewWorld _world = new();
    private string _baseUrl = "";

    public ValueTask InitializeAsync()
    {
        _baseUrl = _world.Server.StartOnLoopback();
        return ValueTask.CompletedTask;
    }

    private async Task<HttpClient> LoopbackClientAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(_baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = MediaServerFactory.DemoPassword }, Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
        return client;
    }

    [Fact]
    public async Task Document_Of31Megabytes_IsStored()
    {
        using var admin = await LoopbackClientAsync("admin");
        using var teacher = await LoopbackClientAsync("teacher");
        var campaign = await CampaignAsync(admin, new { name = "2026年一师一优课", year = 2026, levels = new[] { "school" }, reviewersPerEntry = 1, standard = Lenient });
        var draft = await DraftAsync(teacher, campaign, await _world.LessonAsync(teacher, "《背影》"));
        var pdf = new byte[31_000_000];
        Pdf.CopyTo(pdf, 0);

        var response = await UploadDocumentAsync(teacher, draft, "design", "教学设计.pdf", pdf);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(31_000_000, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("sizeBytes").GetInt64());
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();
}
