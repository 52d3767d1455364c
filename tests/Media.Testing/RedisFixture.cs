using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Media.Testing;

/// <summary>
/// Debian's redis-server on a free loopback port, nothing saved to disk. Absent redis-server means skipped tests,
/// unless services are required (the README's test command installs it).
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly TempFolder _folder = new("redis");
    private Process? _process;

    public string? ConnectionString { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            return;
        }

        var port = TestEnvironment.FreePort();
        _process = BackgroundProcess.Start(Executable,
        [
            "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no",
            "--dir", _folder.Path, "--protected-mode", "no",
        ]);
        await TestEnvironment.WaitForPortAsync(port, TimeSpan.FromSeconds(90));
        ConnectionString = $"127.0.0.1:{port}";
    }

    public void RequireAvailable() => TestEnvironment.RequireService(
        ConnectionString is not null, $"redis-server is not installed at {Executable} (the README's test command installs it)");

    public ValueTask DisposeAsync()
    {
        BackgroundProcess.Stop(_process);
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
