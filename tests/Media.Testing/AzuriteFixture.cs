using System.Diagnostics;
using Xunit;

namespace Media.Testing;

/// <summary>
/// A real Azurite blob service on a free loopback port, started from tests/node_modules (npm), or from
/// MEDIA_TEST_AZURITE when set. Absent Azurite means skipped tests, unless services are required.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly TempFolder _folder = new("azurite");
    private Process? _process;

    public string? ConnectionString { get; private set; }

    public string UnavailableReason { get; private set; } = "Azurite not started";

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("MEDIA_TEST_AZURITE")
            ?? Path.Combine(TestEnvironment.RepositoryRoot, "tests", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            UnavailableReason = $"Azurite is not installed at {executable} (run the README's test command, which installs it with npm)";
            return;
        }

        var port = TestEnvironment.FreePort();
        _process = BackgroundProcess.Start(executable,
        [
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--location", _folder.Path, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
        ]);
        await TestEnvironment.WaitForPortAsync(port, TimeSpan.FromSeconds(90));
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public void RequireAvailable() => TestEnvironment.RequireService(ConnectionString is not null, UnavailableReason);

    public ValueTask DisposeAsync()
    {
        BackgroundProcess.Stop(_process);
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
