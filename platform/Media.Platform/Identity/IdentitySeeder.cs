using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Media.Platform.Identity;

/// <summary>
/// Demo mode seeds an education authority with one user per role; otherwise the very first start creates
/// <c>admin</c> with a random password, printed once. Both are idempotent.
/// </summary>
internal sealed class IdentitySeeder(IServiceProvider services, IOptions<DemoOptions> demo) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserDirectory>();
        if (demo.Value.Enabled)
        {
            await SeedDemoAsync(users, demo.Value.Password, cancellationToken);
        }
        else if (!await users.AnyUsersAsync(cancellationToken))
        {
            var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
            await users.CreateUserAsync(new NewUser("admin", password, [Roles.Admin], "Administrator"), cancellationToken);
            Console.WriteLine($"First start: created user 'admin' with password '{password}'. It is shown only this once.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task SeedDemoAsync(UserDirectory users, string password, CancellationToken cancellationToken)
    {
        var province = await EnsureOrganisationAsync(users, "山东省", OrganisationKind.Province, null, cancellationToken);
        var jinan = await EnsureOrganisationAsync(users, "济南市", OrganisationKind.City, province.Id, cancellationToken);
        var lixia = await EnsureOrganisationAsync(users, "历下区", OrganisationKind.County, jinan.Id, cancellationToken);
        var shizhong = await EnsureOrganisationAsync(users, "市中区", OrganisationKind.County, jinan.Id, cancellationToken);
        var qingdao = await EnsureOrganisationAsync(users, "青岛市", OrganisationKind.City, province.Id, cancellationToken);
        var shinan = await EnsureOrganisationAsync(users, "市南区", OrganisationKind.County, qingdao.Id, cancellationToken);
        var lixiaSchool = await EnsureOrganisationAsync(users, "济南市历下实验中学", OrganisationKind.School, lixia.Id, cancellationToken);
        var yuyingSchool = await EnsureOrganisationAsync(users, "济南市育英中学", OrganisationKind.School, shizhong.Id, cancellationToken);
        var qingdaoSchool = await EnsureOrganisationAsync(users, "青岛市实验小学", OrganisationKind.School, shinan.Id, cancellationToken);
        var classGrade8 = await EnsureOrganisationAsync(users, "八年级(1)班", OrganisationKind.Class, lixiaSchool.Id, cancellationToken);

        (string UserName, string DisplayName, string Role, Guid Organisation)[] demoUsers =
        [
            ("admin", "平台管理员", Roles.Admin, province.Id),
            ("teacher", "张老师", Roles.Teacher, lixiaSchool.Id),
            ("teacher2", "李老师", Roles.Teacher, qingdaoSchool.Id),
            ("student", "王同学", Roles.Student, classGrade8.Id),
            ("reviewer", "赵评审", Roles.Reviewer, yuyingSchool.Id),
            ("reviewer2", "刘评审", Roles.Reviewer, qingdaoSchool.Id),
            ("jinan-admin", "济南市教研室", Roles.RegionAdmin, jinan.Id),
            ("qingdao-admin", "青岛市教研室", Roles.RegionAdmin, qingdao.Id),
        ];
        foreach (var (userName, displayName, role, organisation) in demoUsers)
        {
            if (await users.FindByUserNameAsync(userName, cancellationToken) is null)
            {
                await users.CreateUserAsync(new NewUser(userName, password, [role], displayName, organisation), cancellationToken);
            }
        }

        Console.WriteLine($"Demo mode: users {string.Join(", ", demoUsers.Select(u => u.UserName))} (password '{password}').");
    }

    private static async Task<Organisation> EnsureOrganisationAsync(
        UserDirectory users, string name, OrganisationKind kind, Guid? parentId, CancellationToken cancellationToken) =>
        await users.FindOrganisationAsync(parentId, name, cancellationToken)
        ?? await users.AddOrganisationAsync(name, kind, parentId, cancellationToken);
}
