using Media.Testing;

namespace Media.Server.Tests;

/// <summary>Bad configuration stops the real process at start-up with one clear line on stderr.</summary>
public sealed class StartupFailureTests
{
    private static async Task<(int ExitCode, string[] ErrorLines)> StartServerAsync(params string[] settings)
    {
        using var data = new TempFolder("startup");
        var result = await TestProcess.RunAsync("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "Media.Server.dll"),
            "--contentRoot", Path.Combine(TestEnvironment.RepositoryRoot, "server", "Media.Server"),
            "--urls", $"http://127.0.0.1:{TestEnvironment.FreePort()}",
            $"--Media:DataPath={data.Path}",
            .. settings,
        ], TimeSpan.FromSeconds(60));
        return (result.ExitCode, result.ErrorLines);
    }

    [Fact]
    public async Task Start_UnknownStorageProvider_FailsWithSupportedList()
    {
        var (exitCode, errors) = await StartServerAsync("--Media:Storage:Provider=S3");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(errors);
        Assert.Equal("error: Media:Storage:Provider 'S3' is not supported. Supported: FileSystem, AzureBlob", line);
    }

    [Fact]
    public async Task Start_AcceleratedRedirectWithCloudStorage_FailsSayingNginxNeedsTheBlobFolder()
    {
        var (exitCode, errors) = await StartServerAsync(
            "--Media:Streaming:AcceleratedRedirectPrefix=/_media-files/", "--Media:Storage:Provider=AzureBlob",
            "--Media:Storage:ConnectionString=UseDevelopmentStorage=true");

        Assert.NotEqual(0, exitCode);
        Assert.Equal("error: Media:Streaming:AcceleratedRedirectPrefix needs Media:Storage:Provider FileSystem (nginx serves the blob folder).", Assert.Single(errors));
    }

    [Fact]
    public async Task Start_UnknownDatabaseProvider_FailsWithSupportedList()
    {
        var (exitCode, errors) = await StartServerAsync("--Media:Database:Provider=Oracle");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Supported: Sqlite, PostgreSql", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnreachablePostgreSql_FailsNamingTheDatabase()
    {
        var port = TestEnvironment.FreePort();
        var (exitCode, errors) = await StartServerAsync(
            "--Media:Database:Provider=PostgreSql",
            $"--Media:Database:ConnectionString=Host=127.0.0.1;Port={port};Username=media;Password=x;Timeout=3");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(errors);
        Assert.StartsWith("error: Database for module 'identity'", line, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingFfmpeg_FailsWithInstallHint()
    {
        var (exitCode, errors) = await StartServerAsync("--Media:Ffmpeg:FfmpegPath=/nonexistent/ffmpeg");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(errors);
        Assert.Contains("/nonexistent/ffmpeg", line, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidOptionValue_FailsNamingTheSetting()
    {
        var (exitCode, errors) = await StartServerAsync("--Media:Jobs:WorkerCount=0");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(errors);
        Assert.Contains("WorkerCount", line, StringComparison.Ordinal);
    }
}
