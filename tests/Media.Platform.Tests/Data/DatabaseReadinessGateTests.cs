using System.Net;
using Media.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Platform.Tests.Data;

/// <summary>While the databases are being migrated, requests get 503 with Retry-After (health probes still answer).</summary>
public sealed class DatabaseReadinessGateTests
{
    [Fact]
    public async Task Request_BeforeTheMigrationsFinish_Is503ThenServedOnceReady()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<DatabaseReadiness>();
        await using var app = builder.Build();
        app.UseDatabaseReadinessGate();
        app.MapGet("/api/lessons", () => "lessons");
        app.MapGet("/health/ready", () => "not yet");
        await app.StartAsync(ct);
        using var client = app.GetTestClient();

        var early = await client.GetAsync("/api/lessons", ct);
        var probe = await client.GetAsync("/health/ready", ct);
        app.Services.GetRequiredService<DatabaseReadiness>().MarkReady();
        var later = await client.GetAsync("/api/lessons", ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.Equal("5", early.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }
}
