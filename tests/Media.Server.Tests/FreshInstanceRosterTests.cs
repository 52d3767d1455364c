using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Media.Platform.Identity;
using Media.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Media.Server.Tests;

/// <summary>
/// A fresh instance without the demo, as a province would start one: its administrator adds the region and two schools,
/// takes 2 schools' rosters (4 classes, 6 teachers, 60 students) from .xlsx and then the same from .csv; the check shows
/// the counts, importing again changes nothing, and files with an unknown school code or one 学籍号 twice are refused
/// with their line numbers while nothing is applied.
/// </summary>
public sealed class FreshInstanceRosterTests : IAsyncLifetime
{
    private const string AdminPassword = "Fresh-start-2026";
    private const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private readonly MediaServerFactory _server = new MediaServerFactory().With("Media:Demo:Enabled", "false");
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The first start printed admin's random password; the test sets one it knows instead of reading the console.
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var admin = await db.Users.SingleAsync(u => u.UserName == "admin", Ct);
            UserDirectory.SetPassword(admin, AdminPassword);
            await db.SaveChangesAsync(Ct);
        }

        _admin = _server.CreateClient();
        var token = await (await _admin.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = AdminPassword }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
    }

    private static readonly (string Code, string Name)[] Schools = [("3701020001", "济南市第一实验学校"), ("3701020002", "济南市第二实验学校")];

    /// <summary>Per school: 3 teachers, and 15 students in each of its 2 classes of 八年级.</summary>
    private static List<Dictionary<string, object>> RosterRows()
    {
        var rows = new List<Dictionary<string, object>>();
        for (var s = 0; s < Schools.Length; s++)
        {
            var (code, name) = Schools[s];
            for (var t = 1; t <= 3; t++)
            {
                rows.Add(Row(code, name, "", "", $"{name[3..5]}老师{t}", "", $"J3701020{s}{t:D3}", "教师", t == 1 ? "骨干教师" : ""));
            }

            for (var c = 1; c <= 2; c++)
            {
                for (var n = 1; n <= 15; n++)
                {
                    rows.Add(Row(code, name, "八年级", $"八年级({c})班", $"学生{s}{c}{n:D2}", $"G3701022{s}{c}{n:D2}", "", "学生", ""));
                }
            }
        }

        return rows;
    }

    private static Dictionary<string, object> Row(string code, string school, string grade, string className, string name, string studentId, string staffId, string role, string title) => new()
    {
        ["学校标识码"] = code, ["学校名称"] = school, ["年级"] = grade, ["班级"] = className, ["姓名"] = name,
        ["学籍号"] = studentId, ["教职工号"] = staffId, ["角色"] = role, ["职称"] = title,
    };

    private static byte[] Xlsx(List<Dictionary<string, object>> rows)
    {
        using var workbook = new MemoryStream();
        workbook.SaveAs(rows, excelType: ExcelType.XLSX);
        return workbook.ToArray();
    }

    private static byte[] Csv(List<Dictionary<string, object>> rows) =>
        Encoding.UTF8.GetBytes(string.Join("\n", [string.Join(",", rows[0].Keys), .. rows.Select(r => string.Join(",", r.Values))]) + "\n");

    [Fact]
    public async Task TwoSchoolsFromExcelThenCsv_CountedImportedOnce_BadFilesRefusedWithLinesAndNothingApplied()
    {
        await AddRegionAsync();
        var rows = RosterRows();

        var preview = await ImportAsync(Xlsx(rows), ExcelContentType, apply: false);
        var applied = await ImportAsync(Xlsx(rows), ExcelContentType, apply: true);
        var csvPreview = await ImportAsync(Csv(rows), "text/csv", apply: false);
        var csvApplied = await ImportAsync(Csv(rows), "text/csv", apply: true);
        var afterImport = await PeopleAsync();

        var unknownSchool = rows.Select(r => new Dictionary<string, object>(r)).ToList();
        unknownSchool[10]["学校标识码"] = "3709990009";
        var twice = rows.Select(r => new Dictionary<string, object>(r)).ToList();
        twice[40]["学籍号"] = twice[20]["学籍号"];
        twice[40]["姓名"] = "重复学籍号";
        var unknownRefused = await SendAsync(Xlsx(unknownSchool), ExcelContentType);
        var twiceRefused = await SendAsync(Csv(twice), "text/csv");

        Assert.Equal((66, 0, 0), (preview.GetProperty("created").GetInt32(), preview.GetProperty("changed").GetInt32(), preview.GetProperty("errors").GetArrayLength()));
        Assert.Equal(66, applied.GetProperty("created").GetInt32());
        Assert.Equal(66, applied.GetProperty("people").EnumerateArray().Count(p => p.GetProperty("initialPassword").ValueKind == JsonValueKind.String));
        Assert.Equal((0, 66), (csvPreview.GetProperty("created").GetInt32(), csvPreview.GetProperty("unchanged").GetInt32()));
        Assert.Equal((0, 0, 66, 0), (csvApplied.GetProperty("created").GetInt32(), csvApplied.GetProperty("changed").GetInt32(), csvApplied.GetProperty("unchanged").GetInt32(), csvApplied.GetProperty("deactivated").GetInt32()));
        Assert.Equal(66 + 1, afterImport);
        foreach (var (_, name) in Schools)
        {
            var school = await OrganisationApi.FindAsync(_admin, "山东省", "济南市", "历下区", name);
            var classes = await ClassesAsync(school.Id);
            Assert.Equal(["八年级(1)班", "八年级(2)班"], classes.Select(c => c.Name));
            foreach (var (id, _) in classes)
            {
                Assert.Equal(15, (await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?organisationId={id}&role=student", Ct)).GetProperty("total").GetInt32());
            }

            Assert.Equal(3, (await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?organisationId={school.Id}&role=teacher", Ct)).GetProperty("total").GetInt32());
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownRefused.Status);
        Assert.Equal("row-errors", unknownRefused.Body.GetProperty("code").GetString());
        Assert.Equal([12], unknownRefused.Body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal("no-school-code", unknownRefused.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twiceRefused.Status);
        Assert.Equal("id-twice", twiceRefused.Body.GetProperty("code").GetString());
        Assert.Equal([22, 42], twiceRefused.Body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(66 + 1, await PeopleAsync());
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>("/api/admin/users?q=" + Uri.EscapeDataString("重复学籍号"), Ct)).GetProperty("total").GetInt32());
    }

    private async Task AddRegionAsync()
    {
        async Task<Guid> AddAsync(string name, string kind, Guid? parentId, string? code = null)
        {
            var response = await _admin.PostAsJsonAsync("/api/admin/organisations", new { name, kind, parentId, code }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        }

        var county = await AddAsync("历下区", "county", await AddAsync("济南市", "city", await AddAsync("山东省", "province", null)));
        foreach (var (code, name) in Schools)
        {
            await AddAsync(name, "school", county, code);
        }
    }

    private async Task<List<(Guid Id, string Name)>> ClassesAsync(Guid school)
    {
        var found = new List<(Guid, string)>();
        foreach (var child in (await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/organisations?parentId={school}", Ct)).EnumerateArray())
        {
            foreach (var item in (await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/organisations?parentId={child.GetProperty("id").GetGuid()}", Ct)).EnumerateArray())
            {
                found.Add((item.GetProperty("id").GetGuid(), item.GetProperty("name").GetString()!));
            }
        }

        return [.. found.OrderBy(c => c.Item2, StringComparer.Ordinal)];
    }

    private async Task<int> PeopleAsync() => (await _admin.GetFromJsonAsync<JsonElement>("/api/admin/users?includeDeactivated=true", Ct)).GetProperty("total").GetInt32();

    private async Task<JsonElement> ImportAsync(byte[] body, string type, bool apply)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        var response = await _admin.PostAsync($"/api/admin/roster?apply={(apply ? "true" : "false")}", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(byte[] body, string type)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        var response = await _admin.PostAsync("/api/admin/roster?apply=true", content, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        await _server.DisposeAsync();
    }
}
