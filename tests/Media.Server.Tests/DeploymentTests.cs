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
