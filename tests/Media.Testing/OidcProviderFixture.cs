using System.Diagnostics;
using System.Globalization;

namespace Media.Testing;

/// <summary>
/// npm's oidc-provider on a free loopback port (tests/oidc/provider.mjs), one client registered for the host under test.
/// Absent Node or the package means skipped tests, unless services are required.
/// </summary>
public sealed class OidcProviderFixture : IAsyncDisposable
{
    public const string ClientId = "media";
    public const string ClientSecret = "media-test-secret";

    private Process? _process;

    public string? Authority { get; private set; }

    public string UnavailableReason { get; private set; } = "oidc-provider not started";

    /// <summary>Starts the provider for a host whose OIDC callback is <paramref name="redirectUri"/>.</summary>
    public async Task StartAsync(string redirectUri)
    {
        var script = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "oidc", "provider.mjs");
        if (!File.Exists(Path.Combine(TestEnvironment.RepositoryRoot, "tests", "node_modules", "oidc-provider", "package.json")))
        {
            UnavailableReason = "oidc-provider is not installed under tests/node_modules (run the README's test command, which installs it with npm)";
            return;
        }

        var port = TestEnvironment.FreePort();
        _process = BackgroundProcess.Start("node", [script, port.ToString(CultureInfo.InvariantCulture), ClientId, ClientSecret, redirectUri]);
        await TestEnvironment.WaitForPortAsync(port, TimeSpan.FromSeconds(90));
        Authority = $"http://127.0.0.1:{port}";
    }

    public void RequireAvailable() => TestEnvironment.RequireService(Authority is not null, UnavailableReason);

    public ValueTask DisposeAsync()
    {
        BackgroundProcess.Stop(_process);
        return ValueTask.CompletedTask;
    }
}
