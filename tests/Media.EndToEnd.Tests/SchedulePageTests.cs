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
}
