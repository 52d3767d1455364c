using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Testing;

/// <summary>
/// The real all-in-one host on embedded defaults in a temp data folder (SQLite, filesystem blobs,
/// SQLite jobs), with demo users seeded. Settings can be overridden per test class.
/// </summary>
public class MediaServerFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _data = new("media-data");
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public MediaServerFactory()
    {
        _settings["Media:DataPath"] = _data.Path;
        _settings["Media:Demo:Enabled"] = "true";
        _settings["Media:Demo:Password"] = DemoPassword;
        _settings["Media:Jobs:QueuePollInterval"] = "00:00:00.200";
        _settings["Media:Jobs:WorkerCount"] = "2";
        // Reading slides is seconds of CPU per frame, for every lesson any test publishes: only the tests of it turn it on.
        _settings["Media:Recognition:Engine"] = "Off";
        // Four lines per outgoing request (Janus is polled constantly) bury the lines that say why a test failed.
        _settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning";
    }

    public const string DemoPassword = "demo-pass";

    public string DataPath => _data.Path;

    /// <summary>The host's clock (real time until a test advances it).</summary>
    public ShiftedClock Clock { get; } = new();

    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Overrides one configuration value; call before the first request.</summary>
    public MediaServerFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Replaces or wraps services (fault switches for tests); call before the first request.</summary>
    public MediaServerFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    /// <summary>Serves the host on a real socket at 127.0.0.1 (for browsers, node clients, raw sockets); returns its base URL.</summary>
    public string StartOnLoopback() => StartOnLoopback(TestEnvironment.FreePort());

    /// <summary>Starts on a port chosen beforehand (another service had to be told the address first).</summary>
    public string StartOnLoopback(int port)
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>A client that carries a bearer token for a demo user.</summary>
    public async Task<HttpClient> CreateClientForAsync(string userName)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}
