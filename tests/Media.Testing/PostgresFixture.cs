using Npgsql;
using Xunit;

namespace Media.Testing;

/// <summary>
/// The PostgreSQL server the test script started (MEDIA_TEST_POSTGRES, a connection string to the
/// <c>postgres</c> database). Each test class gets databases of its own, dropped at the end.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private readonly string? _adminConnectionString = Environment.GetEnvironmentVariable("MEDIA_TEST_POSTGRES");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public void RequireAvailable() => TestEnvironment.RequireService(
        !string.IsNullOrWhiteSpace(_adminConnectionString),
        "MEDIA_TEST_POSTGRES is not set (the README's test command starts PostgreSQL and sets it)");

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        RequireAvailable();
        var name = "media_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
