using Media.Testing;

namespace Media.Server.Tests;

/// <summary>docker-compose.yml is checked by Compose itself (no engine runs here, `config` needs none).</summary>
public sealed class DeploymentTests
{
    [Fact]
    public async Task DockerCompose_Config_IsValidAndDefinesEveryService()
    {
        var compose = FindCompose();
        TestEnvironment.RequireService(compose is not null, "neither 'docker compose' nor 'docker-compose' is installed");

        var run = await TestProcess.RunAsync(compose!.Value.File,
            [.. compose.Value.Arguments, "-f", Path.Combine(TestEnvironment.RepositoryRoot, "docker-compose.yml"), "config", "--services"]);

        Assert.True(run.ExitCode == 0, run.Errors);
        var output = run.Output;
        var services = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["api-a", "api-b", "coturn", "elasticsearch", "janus", "nginx", "postgres", "redis", "worker"], services.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NginxConf_WithMediasRulesIncludedAsComposeMountsThem_PassesNginxsOwnCheck()
    {
        TestEnvironment.RequireService(File.Exists(NginxServer.Executable), $"nginx is not installed at {NginxServer.Executable}");
        using var folder = new TempFolder("nginx-check");
        var deploy = Path.Combine(TestEnvironment.RepositoryRoot, "deploy");
        // The includes where docker-compose.yml mounts them, here from the repository; the grant cache in the folder.
        var config = (await File.ReadAllTextAsync(Path.Combine(deploy, "nginx.conf"), TestContext.Current.CancellationToken))
            .Replace("include /etc/nginx/media-", $"include {deploy}/nginx-media-", StringComparison.Ordinal);
        var http = (await File.ReadAllTextAsync(Path.Combine(deploy, "nginx-media-http.conf"), TestContext.Current.CancellationToken))
            .Replace("/var/cache/nginx/media-grants", folder.Combine("grants"), StringComparison.Ordinal);
        await File.WriteAllTextAsync(folder.Combine("media-http.conf"), http, TestContext.Current.CancellationToken);
        config = config.Replace($"include {deploy}/nginx-media-http.conf", $"include {folder.Combine("media-http.conf")}", StringComparison.Ordinal);
        Assert.Contains("media-locations.conf", config, StringComparison.Ordinal);
        await File.WriteAllTextAsync(folder.Combine("nginx.conf"), config, TestContext.Current.CancellationToken);

        var run = await TestProcess.RunAsync(NginxServer.Executable,
            ["-t", "-c", folder.Combine("nginx.conf"), "-p", folder.Path, "-g", $"pid {folder.Combine("nginx.pid")}; error_log {folder.Combine("error.log")};"]);

        Assert.True(run.ExitCode == 0, run.Errors + run.Output);
    }

    private static (string File, string[] Arguments)? FindCompose()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            if (File.Exists(Path.Combine(folder, "docker-compose")))
            {
                return (Path.Combine(folder, "docker-compose"), []);
            }
        }

        foreach (var plugin in new[] { "/usr/libexec/docker/cli-plugins/docker-compose", "/usr/lib/docker/cli-plugins/docker-compose" })
        {
            if (File.Exists(plugin))
            {
                return (plugin, ["compose"]);
            }
        }

        return null;
    }
}
