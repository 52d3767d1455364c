using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Xunit;

namespace Media.Testing;

/// <summary>
/// The deployment of docker-compose.yml as real processes on 127.0.0.1: two api processes and two workers of the
/// Release build, one PostgreSQL database (the test script's server), one redis-server, one shared blob folder, and
/// nginx in front (deploy/nginx.conf's rules on free ports, deploy/nginx-media-*.conf as they are). A test may kill a node (SIGKILL) and start it again.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>What the nodes' demo accounts sign in with.</summary>
    public const string Password = "cluster-pass";

    private readonly PostgresFixture _postgres = new();
    private readonly RedisFixture _redis = new();
    private readonly TempFolder _blobs = new("cluster-blobs");
    private readonly TempFolder _grants = new("cluster-grants");
    private readonly List<Node> _nodes = [];
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private readonly string _playbackKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private string _database = string.Empty;
    private NginxServer? _nginx;

    /// <summary>The balancer: what browsers and clients use.</summary>
    public string BaseUrl => _nginx!.BaseUrl;

    /// <summary>The api processes' own addresses (index 0 and 1), for a client pinned to one node.</summary>
    public IReadOnlyList<string> ApiUrls => _nodes.Where(n => n.Role == "api").Select(n => n.Url).ToList();

    public async ValueTask InitializeAsync()
    {
        await _redis.InitializeAsync();
        _redis.RequireAvailable();
        _postgres.RequireAvailable();
        TestEnvironment.RequireService(File.Exists(NginxServer.Executable), $"nginx is not installed at {NginxServer.Executable}");
        _database = await _postgres.CreateDatabaseAsync();
        // The first node migrates the shared database and seeds it; the others start once it is up.
        foreach (var role in new[] { "api", "api", "worker", "worker" })
        {
            var node = new Node(role, TestEnvironment.FreePort(), new TempFolder($"cluster-{role}"));
            _nodes.Add(node);
            await StartAsync(node);
        }

        _nginx = await NginxServer.StartAsync($$"""
            {{NginxMediaRules.Locations(_blobs.Path)}}
                location /hubs/ {
                  proxy_pass http://api_sticky; proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade; proxy_set_header Host $host;
                  proxy_read_timeout 1h;
                }
                location / {
                  proxy_pass http://api; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host;
                  proxy_request_buffering off; client_max_body_size 0;
                }
            """, $$"""
              upstream api { server {{Hostless(ApiUrls[0])}} max_fails=1 fail_timeout=30s; server {{Hostless(ApiUrls[1])}} max_fails=1 fail_timeout=30s; }
              upstream api_sticky { ip_hash; server {{Hostless(ApiUrls[0])}} max_fails=1 fail_timeout=30s; server {{Hostless(ApiUrls[1])}} max_fails=1 fail_timeout=30s; }
              map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
            {{NginxMediaRules.Http(_grants.Combine("cache"))}}
            """);
    }

    private static string Hostless(string url) => url["http://".Length..];

    /// <summary>SIGKILL to an api process (0 or 1): no shutdown, no disconnect handlers, as when a machine dies.</summary>
    public async Task KillApiAsync(int index)
    {
        var node = _nodes.Where(n => n.Role == "api").ElementAt(index);
        node.Process!.Kill(entireProcessTree: true);
        await node.Process.WaitForExitAsync();
        node.Process.Dispose();
        node.Process = null;
    }

    /// <summary>Starts a killed api process again on its port.</summary>
    public Task RestartApiAsync(int index) => StartAsync(_nodes.Where(n => n.Role == "api").ElementAt(index));

    private async Task StartAsync(Node node)
    {
        node.Process = BackgroundProcess.Start("dotnet",
        [
            Path.Combine(TestEnvironment.RepositoryRoot, "server", "Media.Server", "bin", "Release", "net10.0", "Media.Server.dll"),
            "--role", node.Role, "--contentRoot", Path.Combine(TestEnvironment.RepositoryRoot, "server", "Media.Server"), "--urls", node.Url,
            $"--Media:DataPath={node.Data.Path}", $"--Media:Storage:RootPath={_blobs.Path}",
            "--Media:Database:Provider=PostgreSql", $"--Media:Database:ConnectionString={_database}", "--Media:Jobs:Provider=PostgreSql",
            $"--Media:Redis:ConnectionString={_redis.ConnectionString}", $"--Media:Auth:SigningKey={_signingKey}", $"--Media:Streaming:SigningKeys:0={_playbackKey}",
            "--Media:Streaming:AcceleratedRedirectPrefix=/_media-files/", "--Media:TrustedProxies:0=127.0.0.1",
            "--Media:Ingest:WriterLease=00:00:06", "--Media:Jobs:QueuePollInterval=00:00:00.500",
            "--Media:Demo:Enabled=true", $"--Media:Demo:Password={Password}", "--Logging:LogLevel:Default=Warning",
        ]);
        using var probe = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await probe.GetAsync(node.Url + "/health/live")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }

            if (node.Process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new InvalidOperationException($"the {node.Role} node on {node.Url} did not start (exit code {(node.Process.HasExited ? node.Process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none")})");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _nginx?.Dispose();
        foreach (var node in _nodes)
        {
            BackgroundProcess.Stop(node.Process);
            node.Data.Dispose();
        }

        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
        _blobs.Dispose();
        _grants.Dispose();
    }

    private sealed class Node(string role, int port, TempFolder data)
    {
        public string Role { get; } = role;

        public string Url { get; } = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

        public TempFolder Data { get; } = data;

        public Process? Process { get; set; }
    }
}
