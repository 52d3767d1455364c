using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Media.Testing;

namespace Media.Server.Tests;

/// <summary>The stable API conventions of DESIGN.md: auth, health, OpenAPI, problem+json.</summary>
public sealed class ApiConventionTests(MediaServerFactory factory) : IClassFixture<MediaServerFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task HealthLive_RunningHost_Returns200()
    {
        var response = await factory.CreateClient().GetAsync("/health/live", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_EmbeddedDefaults_ListsEachDependencyHealthy()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database:identity"]);
        Assert.Equal("Healthy", checks["blob-store"]);
        Assert.Equal("Healthy", checks["ffmpeg"]);
        Assert.Equal("Healthy", checks["jobs"]);
        Assert.True(File.Exists(Path.Combine(factory.DataPath, "identity.db")), "SQLite file lives under Media:DataPath");
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheAuthApi()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/auth/token", out _));
        Assert.True(paths.TryGetProperty("/api/auth/me", out _));
    }

    [Fact]
    public async Task ApiReferencePage_IsServedWithoutSignIn()
    {
        var response = await factory.CreateClient().GetAsync("/scalar/v1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_DemoTeacher_ReturnsTokenThatIdentifiesTheTeacher()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = "teacher", password = MediaServerFactory.DemoPassword }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.True(token.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);

        var me = await (await factory.CreateClientForAsync("teacher")).GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        Assert.Equal("teacher", me.GetProperty("userName").GetString());
        Assert.Equal("张老师", me.GetProperty("displayName").GetString());
        Assert.Equal(["teacher"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEqual(JsonValueKind.Null, me.GetProperty("organisationId").ValueKind);
    }

    [Fact]
    public async Task Token_WrongPassword_Returns401WithStableProblemType()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "teacher", password = "nope" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal("urn:media:problem:invalid-credentials", problem.GetProperty("type").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Token_MissingPassword_Returns400Problem()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "teacher" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:media:problem:validation", (await ProblemOf(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Token_MalformedJson_Returns400Problem()
    {
        var response = await factory.CreateClient().PostAsync("/api/auth/token",
            new StringContent("{\"userName\": ", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:media:problem:validation", (await ProblemOf(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Me_WithoutCredentials_Returns401Problem()
    {
        var response = await factory.CreateClient().GetAsync("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("urn:media:problem:unauthenticated", (await ProblemOf(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Me_TamperedToken_Returns401Problem()
    {
        var client = await factory.CreateClientForAsync("student");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));

        var response = await client.GetAsync("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UnknownApiPath_Returns404Problem()
    {
        var response = await factory.CreateClient().GetAsync("/api/no-such-thing", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:media:problem:not-found", (await ProblemOf(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task DevToken_InDevelopment_IssuesTokenForExistingUserOnly()
    {
        var client = factory.CreateClient();

        var ok = await client.PostAsJsonAsync("/api/auth/dev-token", new { userName = "reviewer" }, Ct);
        var missing = await client.PostAsJsonAsync("/api/auth/dev-token", new { userName = "ghost" }, Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
