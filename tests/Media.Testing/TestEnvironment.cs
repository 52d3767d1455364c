using System.Net;
using System.Net.Sockets;

namespace Media.Testing;

/// <summary>Facts about where the tests run: the repository, free ports, and whether services are required.</summary>
public static class TestEnvironment
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Media.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Media.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepositoryRoot => Root.Value;

    /// <summary>
    /// Set by the README's test command: a missing service (Azurite, PostgreSQL, Chromium) is then a failure,
    /// not a skip, so that CI can never pass by skipping.
    /// </summary>
    public static bool ServicesRequired => Environment.GetEnvironmentVariable("MEDIA_TEST_REQUIRE_SERVICES") == "1";

    /// <summary>Skips the test (or fails it when services are required) because a real service is absent.</summary>
    public static void RequireService(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (ServicesRequired)
        {
            throw new InvalidOperationException(reason + " (MEDIA_TEST_REQUIRE_SERVICES=1)");
        }

        Xunit.Assert.Skip(reason);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(100);
            }
        }
    }
}
