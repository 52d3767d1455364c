using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Media.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Media.Server.Tests;

/// <summary>A school's roster as it exports it (GB18030 CSV or .xlsx, Chinese headers): previewed, applied, applied again, then shrunk.</summary>
public sealed class RosterImportTests : IAsyncDisposable
{
    private const string Header = "学校标识码,学校名称,年级,班级,姓名,学籍号,教职工号,角色,职称";

    private static readonly string[] Roster =
    [
        "3701020001,济南市历下实验中学,八年级,八年级(2)班,陈一,G370102201001,,学生,",
        "3701020001,济南市历下实验中学,八年级,八年级(2)班,陈二,G370102201002,,学生,",
        "3701020001,济南市历下实验中学,八年级,八年级(3)班,陈三,G370102201003,,学生,",
        "3701020001,济南市历下实验中学,,,林老师,,J37010200077,教师,骨干教师",
        "3709990009,某某学校,八年级,八年级(1)班,无校,G370999201001,,学生,",
        "3701020001,济南市历下实验中学,八年级,八年级(2)班,,G370102201004,,学生,",
    ];

    private readonly MediaServerFactory _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Roster_PreviewApplyReapplyAndShrink_CreatesOnceUpdatesIdempotentlyAndDeactivatesWhoLeft()
    {
        var admin = await _server.CreateClientForAsync("jinan-admin");
        var everyone = await _server.CreateClientForAsync("admin");
        await CodeTheSchoolAsync();
        var good = Roster[..4];

        var preview = await ImportAsync(admin, Roster, apply: false);
        var refused = await SendAsync(admin, Csv(Roster), "text/csv", apply: true);
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var nothingYet = await everyone.GetFromJsonAsync<JsonElement>("/api/admin/users?q=G370102201001", Ct);
        var applied = await ImportAsync(admin, good, apply: true);
        var again = await ImportAsync(admin, good, apply: true);
        var student = applied.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("externalId").GetString() == "G370102201001");
        var hashBefore = await PasswordHashAsync("G370102201001");
        var signIn = await SignInAsync("G370102201001", student.GetProperty("initialPassword").GetString()!);
        var me = await MeAsync(signIn);
        var hashAfter = await PasswordHashAsync("G370102201001");
        var signInAgain = await SignInAsync("G370102201001", student.GetProperty("initialPassword").GetString()!);
        var shrunk = await ImportAsync(admin, good.Where(line => !line.Contains("陈三", StringComparison.Ordinal)).ToArray(), apply: true);
        var left = applied.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("externalId").GetString() == "G370102201003");

        Assert.Equal(4, preview.GetProperty("created").GetInt32());
        Assert.False(preview.GetProperty("applied").GetBoolean());
        Assert.Equal([(6, "no-school-code", "3709990009"), (7, "name-or-id-missing", null)],
            preview.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("code").GetString(), e.GetProperty("value").GetString())));
        Assert.Contains("3709990009", preview.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(preview.GetProperty("people").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("initialPassword").ValueKind));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("row-errors", refusal.GetProperty("code").GetString());
        Assert.Equal([6, 7], refusal.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(0, nothingYet.GetProperty("total").GetInt32());
        Assert.Equal(4, applied.GetProperty("created").GetInt32());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("陈一", me.GetProperty("displayName").GetString());
        // A generated password is kept with the quick hash until its first use, then hashed the strong way.
        Assert.StartsWith("generated-pbkdf2-sha256$", hashBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("generated", hashAfter, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signInAgain.StatusCode);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(4, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, shrunk.GetProperty("deactivated").GetInt32());
        Assert.NotEqual(HttpStatusCode.OK, (await SignInAsync("G370102201003", left.GetProperty("initialPassword").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task Roster_WithOneIdTwiceOrOutsideTheRegion_AppliesNothing()
    {
        var admin = await _server.CreateClientForAsync("qingdao-admin");
        await CodeTheSchoolAsync();

        var twice = await SendAsync(admin, Csv([Roster[0], Roster[1], Roster[0].Replace("陈一", "陈一一", StringComparison.Ordinal)]), "text/csv", apply: true);
        var twiceProblem = await twice.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var outside = await SendAsync(admin, Csv(Roster[..1]), "text/csv", apply: true);
        var outsideProblem = await outside.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var badHeader = await SendAsync(admin, Csv(["a,b"], header: "列1,列2"), "text/csv", apply: true);
        var found = await (await _server.CreateClientForAsync("admin")).GetFromJsonAsync<JsonElement>("/api/admin/users?q=G370102201001", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Equal("id-twice", twiceProblem.GetProperty("code").GetString());
        Assert.Contains("G370102201001", twiceProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([2, 4], twiceProblem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Equal("no-school-code", outsideProblem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Contains("in your region", outsideProblem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badHeader.StatusCode);
        Assert.Equal("headers", (await badHeader.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Roster_Memberships_TeacherOfSeveralClassesAndSubjects_StudentClassPerSchoolYear_ReviewerLevels()
    {
        var admin = await _server.CreateClientForAsync("admin");
        await CodeTheSchoolAsync();
        const string header = "学校标识码,姓名,学籍号,教职工号,角色,年级,班级,学科,学年,评审级别";
        string[] first =
        [
            "3701020001,何老师,,J37010200501,教师,八年级,八年级(2)班、八年级(3)班,数学、物理,,",
            "3701020001,何同学,G370102200501,,学生,七年级,七年级(1)班,,2025,",
            "3701020001,何专家,,J37010200502,评审专家,,,语文,,市级、省级",
        ];
        string[] nextYear = [first[0], "3701020001,何同学,G370102200501,,学生,八年级,八年级(1)班,,2026-2027,", first[2]];

        var imported = await ImportAsync(admin, first, apply: true, header);
        var again = await ImportAsync(admin, first, apply: true, header);
        var promoted = await ImportAsync(admin, nextYear, apply: true, header);
        var badLevel = await ImportAsync(admin, [first[2].Replace("市级、省级", "国际级", StringComparison.Ordinal)], apply: false, header);
        var teacher = await PersonAsync(admin, "J37010200501");
        var student = await PersonAsync(admin, "G370102200501");
        var reviewer = await PersonAsync(admin, "J37010200502");

        Assert.Equal(3, imported.GetProperty("created").GetInt32());
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
        Assert.Equal((1, 2), (promoted.GetProperty("changed").GetInt32(), promoted.GetProperty("unchanged").GetInt32()));
        var teaches = teacher.GetProperty("memberships").EnumerateArray().ToList();
        Assert.Equal(4, teaches.Count);
        Assert.All(teaches, m => Assert.Equal("teaches", m.GetProperty("kind").GetString()));
        Assert.Equal(["数学", "数学", "物理", "物理"], teaches.Select(m => m.GetProperty("subject").GetString()));
        Assert.Equal(2, teaches.Select(m => m.GetProperty("organisationId").GetGuid()).Distinct().Count());
        var studies = student.GetProperty("memberships").EnumerateArray().ToList();
        Assert.Equal([2026, 2025], studies.Select(m => m.GetProperty("schoolYear").GetInt32()));
        Assert.Equal(studies[0].GetProperty("organisationId").GetGuid(), student.GetProperty("organisationId").GetGuid());
        Assert.NotEqual(studies[0].GetProperty("organisationId").GetGuid(), studies[1].GetProperty("organisationId").GetGuid());
        Assert.Equal(["city", "province"], reviewer.GetProperty("memberships").EnumerateArray().Select(m => m.GetProperty("level").GetString()).Order(StringComparer.Ordinal));
        Assert.All(reviewer.GetProperty("memberships").EnumerateArray(), m => Assert.Equal(("reviews", "语文"), (m.GetProperty("kind").GetString(), m.GetProperty("subject").GetString())));
        Assert.Equal("unknown-level", badLevel.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    private static async Task<JsonElement> PersonAsync(HttpClient admin, string rosterId) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?q={rosterId}", Ct)).GetProperty("items")[0];

    [Fact]
    public async Task Roster_AsAnExcelWorkbook_IsReadLikeTheCsv()
    {
        var admin = await _server.CreateClientForAsync("admin");
        await CodeTheSchoolAsync();
        using var workbook = new MemoryStream();
        workbook.SaveAs(new[]
        {
            new Dictionary<string, object> { ["学校标识码"] = "3701020001", ["姓名"] = "黄老师", ["教职工号"] = "J37010200099", ["角色"] = "教师", ["职称"] = "学科带头人" },
        }, excelType: ExcelType.XLSX);

        var response = await SendAsync(admin, workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", apply: true);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var found = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?q=J37010200099", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal("学科带头人", found.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal(["teacher"], found.GetProperty("items")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private async Task CodeTheSchoolAsync()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var school = await OrganisationApi.FindAsync(admin, "山东省", "济南市", "历下区", "济南市历下实验中学");
        var coded = await admin.PutAsJsonAsync($"/api/admin/organisations/{school.Id}", new { name = "济南市历下实验中学", parentId = school.ParentId, code = "3701020001" }, Ct);
        Assert.Equal(HttpStatusCode.OK, coded.StatusCode);
    }

    private static byte[] Csv(string[] lines, string header = Header)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // What Excel writes on Chinese Windows: GB18030, CRLF.
        return Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n", [header, .. lines]) + "\r\n");
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string[] lines, bool apply, string header = Header)
    {
        var response = await SendAsync(client, Csv(lines, header), "text/csv", apply);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, byte[] body, string contentType, bool apply)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync($"/api/admin/roster?apply={(apply ? "true" : "false")}", content, Ct);
    }

    private async Task<string> PasswordHashAsync(string userName)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Media.Platform.Identity.IdentityDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.PasswordHash).SingleAsync(Ct);
    }

    private Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        _server.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password }, Ct);

    private async Task<JsonElement> MeAsync(HttpResponseMessage signIn)
    {
        using var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await signIn.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
        return await client.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
