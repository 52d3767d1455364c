using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>
/// A city's administrator (济南市) on 人员与机构, in Chromium on a phone and on an office screen: codes a school and adds
/// a grade in the organisation tree, checks a roster (a bad school code is pointed out by line, in Chinese, and
/// cannot be imported), imports the fixed file and downloads the new accounts' passwords, which sign in; then finds
/// one of them, resets the password, deactivates them (they can no longer sign in), and adds a teacher by hand.
/// </summary>
public sealed class PeopleAdminPageTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task RegionAdmin_CodesASchool_ImportsARoster_ManagesAPerson(int width)
    {
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "jinan-admin", "/admin/people");
        await Assertions.Expect(page.GetByTestId("people-admin")).ToContainTextAsync("管理范围：济南市");
        await Assertions.Expect(page.GetByTestId("people-total")).ToContainTextAsync("共");
        await QuietAsync(page);
        await health.AssertHealthyAsync($"the people tab at {width} px");

        // The organisation tree: open 济南市 → 历下区, pick the school, give it its 学校标识码, add a grade under it.
        await Tab(page, "机构").ClickAsync();
        var tree = page.Locator(".organisations-panel").GetByTestId("organisation-tree");
        await Node(tree, "济南市").ClickAsync();
        await Node(tree, "历下区").ClickAsync();
        await Node(tree, "济南市历下实验中学").ClickAsync();
        var detail = page.GetByTestId("organisation-detail");
        await Assertions.Expect(detail).ToContainTextAsync("学校：济南市历下实验中学");
        await detail.GetByTestId("org-code").Locator("input").FillAsync("3701020001");
        await detail.GetByTestId("org-save").ClickAsync();
        await Assertions.Expect(Toast(page, "已保存")).ToBeVisibleAsync();
        await Assertions.Expect(tree.Locator(".org", new() { HasText = "3701020001" })).ToBeVisibleAsync();
        await detail.GetByTestId("org-add-name").Locator("input").FillAsync($"测试年级{width}");
        await detail.GetByTestId("org-add-save").ClickAsync();
        await Assertions.Expect(Node(tree, $"测试年级{width}")).ToBeVisibleAsync();
        await QuietAsync(page);
        await health.AssertHealthyAsync($"the organisation tree at {width} px");
        if (width == 1366)
        {
            await BrowserSession.ScreenshotAsync(page, "people-organisations-1366", fullPage: false);
        }

        // The roster: a line with a school outside the region is pointed out, and the file cannot be imported.
        await Tab(page, "名册导入").ClickAsync();
        var ids = Enumerable.Range(1, 3).Select(n => $"G37010220{width:D4}{n}").ToArray();
        string[] good =
        [
            $"3701020001,济南市历下实验中学,八年级,八年级({width})班,周{width}一,{ids[0]},,学生,",
            $"3701020001,济南市历下实验中学,八年级,八年级({width})班,周{width}二,{ids[1]},,学生,",
            $"3701020001,济南市历下实验中学,八年级,八年级({width})班,周{width}三,{ids[2]},,学生,",
        ];
        var roster = page.GetByTestId("roster-panel");
        await roster.GetByTestId("roster-file").SetInputFilesAsync(Csv($"bad-{width}.csv", [.. good, $"3709990009,某某学校,八年级,八年级(1)班,无校,G37099920{width:D4},,学生,"]));
        await Assertions.Expect(roster.GetByTestId("roster-summary")).ToContainTextAsync("将新建 3 人");
        await Assertions.Expect(roster.GetByTestId("roster-errors")).ToContainTextAsync("没有学校标识码为 3709990009 的学校");
        await Assertions.Expect(roster.GetByTestId("roster-errors").Locator("tbody tr").First).ToContainTextAsync("5");
        await Assertions.Expect(roster.GetByTestId("roster-apply")).ToBeDisabledAsync();
        await QuietAsync(page);
        await health.AssertHealthyAsync($"a roster with a problem at {width} px");
        if (width == 390)
        {
            await BrowserSession.ScreenshotAsync(page, "people-roster-problem-390");
        }

        // The fixed file: checked, imported, and the initial passwords downloaded; each one signs in.
        await roster.GetByTestId("roster-file").SetInputFilesAsync(Csv($"good-{width}.csv", good));
        await Assertions.Expect(roster.GetByTestId("roster-summary")).ToContainTextAsync("检查结果：将新建 3 人");
        await Assertions.Expect(roster.GetByTestId("roster-errors")).ToHaveCountAsync(0);
        await roster.GetByTestId("roster-apply").ClickAsync();
        await Assertions.Expect(roster.GetByTestId("roster-summary")).ToContainTextAsync("导入完成：新建 3 人");
        var download = await page.RunAndWaitForDownloadAsync(() => roster.GetByTestId("roster-passwords").ClickAsync());
        var passwords = (await File.ReadAllLinesAsync(await download.PathAsync(), Ct)).Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(ids, passwords.Select(p => p[2]));
        foreach (var credentials in passwords)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(credentials[1], credentials[3])).StatusCode);
        }

        await QuietAsync(page);
        await health.AssertHealthyAsync($"an imported roster at {width} px");

        // People: find one of them, reset the password (shown once, signs in), deactivate (no more sign-in).
        await Tab(page, "人员").ClickAsync();
        await page.GetByTestId("people-search").Locator("input").FillAsync(ids[0]);
        await page.GetByTestId("people-search-go").ClickAsync();
        var table = page.GetByTestId("people-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(table).ToContainTextAsync($"周{width}一");
        await Assertions.Expect(table).ToContainTextAsync("学生");
        await table.GetByTestId($"edit-{ids[0]}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("person-memberships")).ToContainTextAsync($"在读 · ");
        await Assertions.Expect(page.GetByTestId("person-memberships")).ToContainTextAsync($"八年级({width})班");
        await page.GetByTestId("person-form").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await table.GetByTestId($"password-{ids[0]}").ClickAsync();
        await page.Locator(".t-dialog").GetByRole(AriaRole.Button, new() { Name = "重置" }).ClickAsync();
        var newPassword = await page.GetByTestId("password-value").InnerTextAsync();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(ids[0], newPassword)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await SignInAsync(ids[0], passwords[0][3])).StatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "我已记下" }).ClickAsync();
        await table.GetByTestId($"deactivate-{ids[0]}").ClickAsync();
        await Assertions.Expect(Toast(page, $"已停用 周{width}一")).ToBeVisibleAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await SignInAsync(ids[0], newPassword)).StatusCode);
        await page.GetByText("包括已停用").ClickAsync();
        await Assertions.Expect(table.GetByTestId($"reactivate-{ids[0]}")).ToBeVisibleAsync();

        // A teacher added by hand, placed with the organisation picker; the password made for them signs in.
        await page.GetByTestId("person-add").ClickAsync();
        var form = page.GetByTestId("person-form");
        await form.GetByTestId("person-name").Locator("input").FillAsync($"孙老师{width}");
        await form.GetByTestId("person-username").Locator("input").FillAsync($"sun{width}");
        await Assertions.Expect(form.GetByTestId("person-save")).ToBeDisabledAsync();
        await Assertions.Expect(form.GetByTestId("person-form-hint")).ToHaveTextAsync("请选择所属机构。");
        await form.GetByTestId("person-pick-organisation").ClickAsync();
        var picker = page.GetByTestId("organisation-picker");
        await Node(picker, "济南市").ClickAsync();
        await Node(picker, "历下区").ClickAsync();
        await Node(picker, "济南市历下实验中学").ClickAsync();
        await page.GetByTestId("organisation-confirm").ClickAsync();
        await Assertions.Expect(form.GetByTestId("person-organisation")).ToHaveTextAsync("济南市 / 历下区 / 济南市历下实验中学");
        await QuietAsync(page);
        await health.AssertHealthyAsync($"adding a person at {width} px");
        await form.GetByTestId("person-save").ClickAsync();
        var teacherPassword = await page.GetByTestId("password-value").InnerTextAsync();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync($"sun{width}", teacherPassword)).StatusCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "我已记下" }).ClickAsync();
        await Assertions.Expect(table).ToContainTextAsync($"孙老师{width}");
        await QuietAsync(page);
        await health.AssertHealthyAsync($"the people list at {width} px");
        if (width == 1366)
        {
            await BrowserSession.ScreenshotAsync(page, "people-list-1366", fullPage: false);
        }
    }

    [Fact]
    public async Task Roster_WithOneStudentIdTwice_IsRefusedInChinese_AndNothingIsImported()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, "admin", "/admin/people?tab=roster");
        var line = "3701020001,济南市历下实验中学,八年级,八年级(9)班,吴一,G370102209901,,学生,";
        await page.GetByTestId("roster-file").SetInputFilesAsync(Csv("twice.csv", [line, line.Replace("吴一", "吴二", StringComparison.Ordinal)]));
        await Assertions.Expect(page.GetByTestId("roster-refusal")).ToHaveTextAsync("有编号在文件中重复出现，未导入任何内容。");
        await Assertions.Expect(page.GetByTestId("roster-errors")).ToContainTextAsync("编号 G370102209901 在文件中出现了多次。");
        await Assertions.Expect(page.GetByTestId("roster-errors").Locator("tbody tr")).ToHaveCountAsync(2);
        using var admin = await session.Server.CreateClientForAsync("admin");
        var found = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/users?q=G370102209901", Ct);
        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    private static ILocator Tab(IPage page, string name) => page.Locator(".t-tabs__nav-item", new() { HasText = name });

    private static ILocator Node(ILocator tree, string name) =>
        tree.Locator(".org .name").GetByText(name, new() { Exact = true }).First;

    /// <summary>Waits for the confirmations (toasts) to go: one caught fading out reads as too pale to axe.</summary>
    private static Task QuietAsync(IPage page) => Assertions.Expect(page.Locator(".t-message")).ToHaveCountAsync(0);

    private static ILocator Toast(IPage page, string text) => page.Locator(".t-message", new() { HasText = text }).First;

    private static FilePayload Csv(string name, string[] lines) => new()
    {
        Name = name,
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes(string.Join("\r\n", ["学校标识码,学校名称,年级,班级,姓名,学籍号,教职工号,角色,职称", .. lines]) + "\r\n"),
    };

    private Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        session.Server.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password }, Ct);
}
