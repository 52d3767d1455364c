using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.LiveMedia.Tests;

/// <summary>No Janus configured: a synchronous class of up to three classrooms runs as a browser mesh, signalled through the hub.</summary>
[Collection("live media")]
public sealed class MeshClassroomTests : IAsyncLifetime
{
    private MediaServerFactory? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(LiveClassroomTests.NamespaceVariable) != "1")
        {
            return;
        }

        _server = new MediaServerFactory();
        _baseUrl = _server.StartOnLoopback();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = LiveClassroomTests.ChromiumArgs });
    }

    private void RequireNamespace()
    {
        if (Environment.GetEnvironmentVariable(LiveClassroomTests.NamespaceVariable) != "1")
        {
            Assert.Skip($"Live media runs only in test.sh's network-namespace pass ({LiveClassroomTests.NamespaceVariable}=1).");
        }

        TestEnvironment.RequireService(_browser is not null, "Chromium is not installed at /usr/bin/chromium");
    }

    private Task<IPage> EnterAsync(string userName, Guid session) => LiveClassroomTests.EnterAsync(_browser!, _baseUrl, userName, session);

    private static async Task WaitAsync(IPage page, string condition, object? argument = null, int seconds = 120) =>
        await page.WaitForFunctionAsync(condition, argument, new() { Timeout = seconds * 1000, PollingInterval = 250 });

    [Fact]
    public async Task Mesh_WithoutJanus_ThreeClassroomsSeeEachOtherThroughTheBrowsers()
    {
        RequireNamespace();
        var teacher = await _server!.CreateClientForAsync("teacher");
        var created = await teacher.PostAsJsonAsync("/api/classroom/sessions", new
        {
            title = "同步课堂（无媒体服务器）",
            kind = "synchronous-class",
            startsAt = DateTimeOffset.UtcNow,
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            classrooms = new object[]
            {
                new { name = "主讲教室" },
                new { name = "远端教室甲", coTeacher = "teacher2" },
                new { name = "远端教室乙", coTeacher = "reviewer2" },
            },
        }, Ct);
        var session = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = session.GetProperty("id").GetGuid();
        var remoteA = session.GetProperty("classrooms")[1].GetProperty("id").GetString()!;

        var host = await EnterAsync("teacher", id);
        var remotes = new[] { await EnterAsync("teacher2", id), await EnterAsync("reviewer2", id) };
        // The room answers once it has joined (its snapshot): a session without Janus runs as a mesh.
        await WaitAsync(host, "() => window.classroom?.snapshot?.mesh === true", seconds: 60);
        foreach (var remote in remotes)
        {
            await WaitAsync(remote, """
                async () => {
                    const feed = [...window.classroom.feeds.values()].find(f => f.userId === window.classroom.session.hostId);
                    return feed !== undefined && (await window.classroom.framesDecoded(feed.id)) > 0;
                }
                """);
        }

        await WaitAsync(remotes[1], "(endpoint) => [...window.classroom.feeds.values()].some(f => f.endpointId === endpoint)", remoteA);
        await host.Locator($"[data-classroom='{remoteA}'] [data-testid=call-on]").ClickAsync();
        await WaitAsync(remotes[1], "(endpoint) => document.querySelector('#main video')?.dataset.endpoint === endpoint", remoteA, seconds: 60);
        await WaitAsync(remotes[1], """
            async (endpoint) => {
                const feed = [...window.classroom.feeds.values()].find(f => f.endpointId === endpoint);
                return (await window.classroom.framesDecoded(feed.id)) > 0;
            }
            """, remoteA);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
