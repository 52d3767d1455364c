using System.Diagnostics;
using System.Globalization;

namespace Media.Testing;

/// <summary>
/// Debian's nginx on a free loopback port with a server block of the test's own, run in the foreground from a
/// folder of its own (config, pid, logs, temp files); stopped on dispose.
/// </summary>
public sealed class NginxServer : IDisposable
{
    public const string Executable = "/usr/sbin/nginx";
    private readonly TempFolder _folder;
    private readonly Process _process;

    private NginxServer(int port, Process process, TempFolder folder)
    {
        Port = port;
        _process = process;
        _folder = folder;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The text of the error log (what nginx said when something was refused).</summary>
    public string ErrorLog => File.Exists(_folder.Combine("error.log")) ? File.ReadAllText(_folder.Combine("error.log")) : string.Empty;

    /// <summary>Starts nginx with <paramref name="serverBody"/> inside <c>server { listen …; }</c> and <paramref name="httpBody"/> (upstreams, maps) beside it.</summary>
    public static async Task<NginxServer> StartAsync(string serverBody, string httpBody = "")
    {
        TestEnvironment.RequireService(File.Exists(Executable), $"nginx is not installed at {Executable} (the README's test command installs it)");
        var port = TestEnvironment.FreePort();
        var folder = new TempFolder("nginx");
        var config = folder.Combine("nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            pid {{folder.Path}}/nginx.pid;
            error_log {{folder.Path}}/error.log warn;
            events { worker_connections 512; }
            http {
              access_log off;
              sendfile on;
              include /etc/nginx/mime.types;
              types { video/iso.segment m4s; application/vnd.apple.mpegurl m3u8; }
              client_body_temp_path {{folder.Path}}/body; proxy_temp_path {{folder.Path}}/proxy;
              fastcgi_temp_path {{folder.Path}}/fastcgi; uwsgi_temp_path {{folder.Path}}/uwsgi; scgi_temp_path {{folder.Path}}/scgi;
            {{httpBody}}
              server {
                listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
            {{serverBody}}
              }
            }
            """);
        var process = BackgroundProcess.Start(Executable, ["-c", config, "-p", folder.Path, "-g", "daemon off;"]);
        var server = new NginxServer(port, process, folder);
        await TestEnvironment.WaitForPortAsync(port, TimeSpan.FromSeconds(90));
        return server;
    }

    public void Dispose()
    {
        BackgroundProcess.Stop(_process);
        _folder.Dispose();
    }
}
