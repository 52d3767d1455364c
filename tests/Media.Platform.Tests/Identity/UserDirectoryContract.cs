using Media.Platform.Data;
using Media.Platform.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Media.Platform.Tests.Identity;

/// <summary>The identity repository against a real database, migrated the way the host migrates it.</summary>
public abstract class UserDirectoryContract : IAsyncLifetime
{
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<Dictionary<string, string?>> DatabaseSettingsAsync();

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(await DatabaseSettingsAsync());
        builder.AddModuleDatabase<IdentityDbContext, SqliteIdentityDbContext, PostgresIdentityDbContext>(IdentityDbContext.SchemaName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<UserDirectory>();
        _services = builder.Services.BuildServiceProvider();
        await MigrateAsync();
    }

    private Task MigrateAsync() => new DatabaseMigrator(_services!, _services!.GetServices<ModuleDatabaseRegistration>(), new DatabaseReadiness(),
        NullLogger<DatabaseMigrator>.Instance).StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private async Task<T> WithDirectoryAsync<T>(Func<UserDirectory, Task<T>> action)
    {
        await using var scope = _services!.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserDirectory>());
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_ChangesNothing()
    {
        await MigrateAsync();

        Assert.False(await WithDirectoryAsync(users => users.AnyUsersAsync(Ct)));
    }

    [Fact]
    public async Task CreateUserAsync_NewUser_IsFoundWithRolesAndOrganisation()
    {
        var school = await WithDirectoryAsync(users => users.AddOrganisationAsync("实验中学", OrganisationKind.School, null, Ct));

        await WithDirectoryAsync(users => users.CreateUserAsync(
            new NewUser("zhang", "s3cret!", [Roles.Teacher, Roles.Reviewer], "张老师", school.Id), Ct));

        var found = await WithDirectoryAsync(users => users.FindByUserNameAsync("zhang", Ct));
        Assert.NotNull(found);
        Assert.Equal("张老师", found.DisplayName);
        Assert.Equal(school.Id, found.OrganisationId);
        Assert.Equal([Roles.Reviewer, Roles.Teacher], found.Roles.Select(r => r.Role).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("s3cret!", found.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUserAsync_TakenName_ThrowsAndKeepsTheFirstUser()
    {
        await WithDirectoryAsync(users => users.CreateUserAsync(new NewUser("li", "first-pass", [Roles.Student]), Ct));

        await Assert.ThrowsAsync<DuplicateUserNameException>(() =>
            WithDirectoryAsync(users => users.CreateUserAsync(new NewUser("li", "second-pass", [Roles.Admin]), Ct)));

        Assert.NotNull(await WithDirectoryAsync(users => users.VerifyPasswordAsync("li", "first-pass", Ct)));
        Assert.Null(await WithDirectoryAsync(users => users.VerifyPasswordAsync("li", "second-pass", Ct)));
    }

    [Fact]
    public async Task CreateUserAsync_UnknownRole_ThrowsListingSupportedRoles()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithDirectoryAsync(users => users.CreateUserAsync(new NewUser("wang", "pass", ["superuser"]), Ct)));

        Assert.Contains("Supported: admin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPasswordAsync_WrongPasswordOrUnknownUser_ReturnsNull()
    {
        await WithDirectoryAsync(users => users.CreateUserAsync(new NewUser("zhao", "right-password", [Roles.Reviewer]), Ct));

        Assert.NotNull(await WithDirectoryAsync(users => users.VerifyPasswordAsync("zhao", "right-password", Ct)));
        Assert.Null(await WithDirectoryAsync(users => users.VerifyPasswordAsync("zhao", "wrong-password", Ct)));
        Assert.Null(await WithDirectoryAsync(users => users.VerifyPasswordAsync("nobody", "right-password", Ct)));
    }

    [Fact]
    public async Task GetLineageAsync_ClassInSchool_ReturnsNearestFirstUpToProvince()
    {
        var province = await WithDirectoryAsync(u => u.AddOrganisationAsync("山东省", OrganisationKind.Province, null, Ct));
        var city = await WithDirectoryAsync(u => u.AddOrganisationAsync("济南市", OrganisationKind.City, province.Id, Ct));
        var county = await WithDirectoryAsync(u => u.AddOrganisationAsync("历下区", OrganisationKind.County, city.Id, Ct));
        var school = await WithDirectoryAsync(u => u.AddOrganisationAsync("历下实验中学", OrganisationKind.School, county.Id, Ct));
        var @class = await WithDirectoryAsync(u => u.AddOrganisationAsync("八年级(1)班", OrganisationKind.Class, school.Id, Ct));

        var lineage = await WithDirectoryAsync(u => u.GetLineageAsync(@class.Id, Ct));

        Assert.Equal(["八年级(1)班", "历下实验中学", "历下区", "济南市", "山东省"], lineage.Select(o => o.Name));
    }

    [Fact]
    public async Task AddOrganisationAsync_ProvinceUnderSchool_IsRejected()
    {
        var school = await WithDirectoryAsync(u => u.AddOrganisationAsync("某小学", OrganisationKind.School, null, Ct));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            WithDirectoryAsync(u => u.AddOrganisationAsync("某省", OrganisationKind.Province, school.Id, Ct)));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            WithDirectoryAsync(u => u.AddOrganisationAsync("孤儿班", OrganisationKind.Class, Guid.NewGuid(), Ct)));
    }
}

public sealed class SqliteUserDirectoryTests : UserDirectoryContract, IDisposable
{
    private readonly Media.Testing.TempFolder _folder = new("sqlite");

    protected override Task<Dictionary<string, string?>> DatabaseSettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Media:DataPath"] = _folder.Path,
        ["Media:Database:Provider"] = "Sqlite",
    });

    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresUserDirectoryTests(Media.Testing.PostgresFixture postgres)
    : UserDirectoryContract, IClassFixture<Media.Testing.PostgresFixture>
{
    protected override async Task<Dictionary<string, string?>> DatabaseSettingsAsync() => new()
    {
        ["Media:Database:Provider"] = "PostgreSql",
        ["Media:Database:ConnectionString"] = await postgres.CreateDatabaseAsync(),
    };
}
