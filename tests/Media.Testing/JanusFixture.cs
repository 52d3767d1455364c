using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Media.Testing;

/// <summary>
/// A real Janus (Debian's janus package) with a configuration of our own: only the VideoRoom plugin, the HTTP
/// and WebSocket transports on 127.0.0.1 at free ports, an admin key, no STUN, full trickle. /etc/janus is left alone.
/// Janus offers no loopback ICE candidates: media tests run inside the network namespace test.sh creates.
/// </summary>
public sealed class JanusFixture : IAsyncLifetime
{
    public const string Executable = "/usr/bin/janus";
    public const string AdminKey = "media-test-admin-key";
    private readonly TempFolder _folder = new("janus");
    private Process? _process;

    public Uri? HttpUrl { get; private set; }

    public Uri? WebSocketUrl { get; private set; }

    public string RecordingPath => _folder.Combine("recordings");

    public string UnavailableReason { get; private set; } = "Janus not started";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            UnavailableReason = $"Janus is not installed at {Executable} (run the README's test command, which installs it with apt)";
            return;
        }

        var httpPort = TestEnvironment.FreePort();
        var wsPort = TestEnvironment.FreePort();
        var libraries = Directory.Exists("/usr/lib/x86_64-linux-gnu/janus") ? "/usr/lib/x86_64-linux-gnu/janus" : "/usr/lib/janus";
        Directory.CreateDirectory(RecordingPath);
        var config = _folder.Path;
        await File.WriteAllTextAsync(Path.Combine(config, "janus.jcfg"), $$"""
            general: {
                configs_folder = "{{config}}"
                plugins_folder = "{{libraries}}/plugins"
                transports_folder = "{{libraries}}/transports"
                events_folder = "{{libraries}}/events"
                loggers_folder = "{{libraries}}/loggers"
                debug_level = 4
                session_timeout = 60
            }
            media: {
                rtp_port_range = "40000-40999"
            }
            nat: {
                full_trickle = true
                ignore_mdns = true
            }
            plugins: {
                disable = "libjanus_audiobridge.so,libjanus_echotest.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_nosip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so,libjanus_duktape.so,libjanus_lua.so"
            }
            transports: {
                disable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so"
            }
            events: {
                broadcast = false
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(config, "janus.transport.http.jcfg"), $$"""
            general: {
                json = "compact"
                base_path = "/janus"
                http = true
                port = {{httpPort}}
                ip = "127.0.0.1"
                https = false
            }
            admin: {
                admin_http = false
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(config, "janus.transport.websockets.jcfg"), $$"""
            general: {
                json = "compact"
                ws = true
                ws_port = {{wsPort}}
                ws_ip = "127.0.0.1"
                wss = false
            }
            admin: {
                admin_ws = false
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(config, "janus.plugin.videoroom.jcfg"), $$"""
            general: {
                admin_key = "{{AdminKey}}"
                lock_rtp_forward = true
            }
            """);

        _process = BackgroundProcess.Start(Executable, ["-C", Path.Combine(config, "janus.jcfg"), "-F", config, "-o"], Log);
        await TestEnvironment.WaitForPortAsync(httpPort, TimeSpan.FromSeconds(90));
        await TestEnvironment.WaitForPortAsync(wsPort, TimeSpan.FromSeconds(90));
        HttpUrl = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}/janus");
        WebSocketUrl = new Uri($"ws://127.0.0.1:{wsPort.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Janus's own log, for a failing test to show.</summary>
    public string Output
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    private readonly List<string> _log = [];

    private void Log(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }

    public void RequireAvailable() => TestEnvironment.RequireService(HttpUrl is not null, UnavailableReason);

    public ValueTask DisposeAsync()
    {
        BackgroundProcess.Stop(_process);
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
