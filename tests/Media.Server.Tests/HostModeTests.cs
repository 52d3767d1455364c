using System.Net;
using System.Net.Http.Json;
using Media.Testing;

namespace Media.Server.Tests;

public sealed class HostModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Production_WithoutDemo_HasNoDevTokenAndOnlyAFreshAdmin()
    {
        await using var factory = new MediaServerFactory { EnvironmentName = "Production" }.With("Media:Demo:Enabled", "false");
        var client = factory.CreateClient();

        var devToken = await client.PostAsJsonAsync("/api/auth/dev-token", new { userName = "admin" }, Ct);
        var demoTeacher = await client.PostAsJsonAsync("/api/auth/token", new { userName = "teacher", password = MediaServerFactory.DemoPassword }, Ct);
        var adminWithDemoPassword = await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = MediaServerFactory.DemoPassword }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, devToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, demoTeacher.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, adminWithDemoPassword.StatusCode);
    }

    [Fact]
    public async Task WorkerRole_ServesHealthButNoPagesOrApi()
    {
        await using var factory = new MediaServerFactory().With("role", "worker");
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json", Ct)).StatusCode);
    }

    [Fact]
    public async Task Restart_SameDataPath_KeepsUsersAndSigningKey()
    {
        using var data = new TempFolder("restart");
        string token;
        await using (var first = new MediaServerFactory().With("Media:DataPath", data.Path))
        {
            var client = await first.CreateClientForAsync("teacher");
            token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        }

        await using var second = new MediaServerFactory().With("Media:DataPath", data.Path).With("Media:Demo:Enabled", "false");
        var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var me = await again.GetFromJsonAsync<MeBody>("/api/auth/me", Ct);
        Assert.Equal("teacher", me!.UserName);
    }

    private sealed record MeBody(string UserName);
}
