using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

public sealed class SchedulePageTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Schedule_TeacherCreatesABroadcast_SeesItListedWithItsJoinLink()
    {
        var page = await session.SignedInPageAsync("teacher", "/classroom");

        await page.GetByLabel("课题").FillAsync("名师课堂：勾股定理");
        await page.Locator("select[name=kind]").SelectOptionAsync("broadcast");
        await page.Locator("input[name=startsAt]").FillAsync("2026-12-01T09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();

        var item = page.GetByTestId("sessions").Locator("li", new() { HasText = "名师课堂：勾股定理" });
        await Assertions.Expect(item).ToContainTextAsync("名师课堂 ·");
        Assert.StartsWith("/classroom/", await item.Locator("a").GetAttributeAsync("href"), StringComparison.Ordinal);

        await page.Locator("input[name=title]").FillAsync("同步课堂：只有一个班");
        await page.Locator("select[name=kind]").SelectOptionAsync("synchronous-class");
        await page.Locator("input[name=startsAt]").FillAsync("2026-12-01T10:00");
        await page.Locator("textarea[name=classrooms]").FillAsync("历下实验中学 八年级(1)班");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("schedule-error")).ToContainTextAsync("1–6 remote classrooms");
    }

    [Fact]
    public async Task Schedule_TeacherPicksTwoClassesFromTheRoster_TheirStudentSeesTheClass()
    {
        var admin = await session.Server.CreateClientForAsync("admin");
        var qingdaoSchool = (await (await session.Server.CreateClientForAsync("teacher2")).GetFromJsonAsync<JsonElement>("/api/auth/me", TestContext.Current.CancellationToken))
            .GetProperty("organisationId").GetGuid();
        (await admin.PostAsJsonAsync("/api/admin/organisations", new { name = "四年级(5)班", kind = "class", parentId = qingdaoSchool }, TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode();
        var page = await session.SignedInPageAsync("teacher", "/classroom");

        await page.Locator("input[name=title]").FillAsync("同步课堂：两校共上一节课");
        await page.Locator("select[name=kind]").SelectOptionAsync("synchronous-class");
        await page.Locator("input[name=startsAt]").FillAsync("2026-12-01T11:00");
        foreach (var words in new[] { "历下 八年级(1)班", "实验小学 四年级(5)班" })
        {
            await page.GetByTestId("class-search").FillAsync(words);
            await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
            await page.GetByTestId("class-found").Locator("button").First.ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("class-chosen").Locator("li")).ToHaveCountAsync(2);
        await page.GetByTestId("class-chosen").Locator("li").Nth(1).Locator("select").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await BrowserSession.ScreenshotAsync(page, "schedule-classes");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
        var item = page.GetByTestId("sessions").Locator("li", new() { HasText = "两校共上一节课" });
        await Assertions.Expect(item).ToContainTextAsync("济南市历下实验中学 八年级(1)班、青岛市实验小学 四年级(5)班");
        await Assertions.Expect(item).ToContainTextAsync("主讲教师");

        var student = await session.SignedInPageAsync("student", "/classroom");
        var invited = student.GetByTestId("sessions").Locator("li", new() { HasText = "两校共上一节课" });
        await Assertions.Expect(invited).ToContainTextAsync("学生");
    }
}
