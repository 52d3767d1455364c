using System.Net;
using System.Net.Http.Json;
using System.Text;
using Media.Testing;

namespace Media.Cli.Tests;

/// <summary>`media roster` against the real server: a refused line is shown with its number and nothing is imported; the fixed file is checked, imported with its passwords written to an owner-only file, and imported again without change.</summary>
public sealed class RosterCommandTests : IAsyncLifetime
{
    private const string Header = "学校标识码,学校名称,年级,班级,姓名,学籍号,教职工号,角色,职称";

    private static readonly string[] Good =
    [
        "3701020001,济南市历下实验中学,七年级,七年级(5)班,郑一,G370102205001,,学生,",
        "3701020001,济南市历下实验中学,七年级,七年级(5)班,郑二,G370102205002,,学生,",
        "3701020001,济南市历下实验中学,,,郑老师,,J37010205001,教师,骨干教师",
    ];

    private readonly TempFolder _folder = new("roster-cli");
    private readonly MediaServerFactory _server = new MediaServerFactory().With("role", "api");
    private string _baseUrl = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _baseUrl = _server.StartOnLoopback();
        var admin = await _server.CreateClientForAsync("admin");
        var school = await OrganisationApi.FindAsync(admin, "山东省", "济南市", "历下区", "济南市历下实验中学");
        var coded = await admin.PutAsJsonAsync($"/api/admin/organisations/{school.Id}", new { name = "济南市历下实验中学", parentId = school.ParentId, code = "3701020001" }, Ct);
        Assert.Equal(HttpStatusCode.OK, coded.StatusCode);
    }

    private Task<ProcessResult> MediaAsync(params string[] arguments) =>
        TestProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "media.dll"), "roster", .. arguments, "--server", _baseUrl, "--user", "jinan-admin", "--password", MediaServerFactory.DemoPassword]);

    private string Roster(string name, params string[] lines)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, string.Join("\n", [Header, .. lines]) + "\n", Encoding.UTF8);
        return path;
    }

    [Fact]
    public async Task Roster_RefusedLineThenCheckedImportedAndAgain_PasswordsGoToAnOwnerOnlyFile()
    {
        var bad = Roster("bad.csv", [.. Good, "3709990009,某某学校,七年级,七年级(1)班,无校,G370999205001,,学生,"]);
        var good = Roster("good.csv", Good);
        var passwords = _folder.Combine("passwords.csv");

        var refused = await MediaAsync(bad, "--apply");
        var check = await MediaAsync(good);
        var apply = await MediaAsync(good, "--apply", "--passwords", passwords);
        var again = await MediaAsync(good, "--apply", "--passwords", _folder.Combine("again.csv"));

        Assert.True(refused.ExitCode == 1, refused.Output + refused.Errors);
        Assert.Contains("Nothing was imported", refused.Output, StringComparison.Ordinal);
        Assert.Contains("│ 5 ", refused.Output, StringComparison.Ordinal);
        Assert.Contains("3709990009", refused.Output, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, check.Output + check.Errors);
        Assert.Contains("Would import: 3 created, 0 changed, 0 unchanged, 0 deactivated.", check.Output, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.Output + apply.Errors);
        Assert.Contains("Imported: 3 created", apply.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwords));
        }

        var written = File.ReadAllLines(passwords, Encoding.UTF8).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["G370102205001", "G370102205002", "J37010205001"], written.Select(w => w[2]).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(written[0][3], apply.Output, StringComparison.Ordinal);
        var signIn = await _server.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = written[0][1], password = written[0][3] }, Ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.True(again.ExitCode == 0, again.Output + again.Errors);
        Assert.Contains("Imported: 0 created, 0 changed, 3 unchanged, 0 deactivated.", again.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("again.csv")));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
