using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>
/// A city's administrator (济南市) runs 新建评选活动 in Chromium on a phone and on an office screen: a missing name and a
/// window that closes before it opens are refused in Chinese, a reload keeps what was entered, the rubric gets a fifth
/// criterion, the pool takes the region's reviewer (only theirs are offered) for 语文; the created campaign has the
/// windows, rubric, promotion share and pool that were entered, and the administration page opens on it.
/// </summary>
public sealed class CampaignWizardPageTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task RegionAdmin_RunsTheWizard_AndTheCampaignIsWhatWasEntered(int width)
    {
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
        var health = PageHealth.Watch(page);
        await BrowserSession.SignInAsync(page, "jinan-admin", "/review/admin");
        await page.GetByTestId("new-campaign").ClickAsync();
        await BrowserSession.WaitForAddressAsync(page, url => url.EndsWith("/review/campaigns/new", StringComparison.Ordinal), "/review/campaigns/new");
        var step = page.GetByTestId("campaign-step");
        await Assertions.Expect(step).ToHaveTextAsync("基本信息");
        await health.AssertHealthyAsync($"the wizard's first step at {width} px");

        // Basics: without a name the wizard stays and says why; a reload keeps what was typed.
        var name = page.GetByTestId("campaign-name").Locator("input");
        await name.FillAsync("");
        await Next(page);
        await Assertions.Expect(page.GetByTestId("campaign-problem")).ToHaveTextAsync("请填写活动名称。");
        await Assertions.Expect(step).ToHaveTextAsync("基本信息");
        var campaignName = $"济南市2026年一师一优课（{width}）";
        await name.FillAsync(campaignName);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("campaign-restored")).ToBeVisibleAsync();
        await Assertions.Expect(name).ToHaveValueAsync(campaignName);
        if (width == 390)
        {
            await BrowserSession.ScreenshotAsync(page, "campaign-wizard-basics-390");
        }

        await Next(page);

        // Windows: a city window that closes before it opens is refused; the county opening early is only pointed out.
        await Assertions.Expect(step).ToHaveTextAsync("时间安排");
        var rows = page.GetByTestId("window-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Day(rows.Nth(0), "window-opens", "2026-12-01");
        await Day(rows.Nth(0), "window-closes", "2026-12-10");
        await Day(rows.Nth(1), "window-opens", "2026-12-08");
        await Day(rows.Nth(1), "window-closes", "2026-12-20");
        await Day(rows.Nth(2), "window-opens", "2026-12-30");
        await Day(rows.Nth(2), "window-closes", "2026-12-25");
        await Assertions.Expect(page.Locator(".hint.warning")).ToContainTextAsync("县级在校级截止之前就开始了");
        await Next(page);
        await Assertions.Expect(page.GetByTestId("campaign-problem")).ToHaveTextAsync("市级的截止日期早于开始日期。");
        await Day(rows.Nth(2), "window-closes", "2027-01-10");
        await health.AssertHealthyAsync($"the windows at {width} px");
        await Next(page);

        // Rubric: a fifth criterion, the others adjusted to keep 100 points.
        await Assertions.Expect(step).ToHaveTextAsync("评分标准");
        await page.GetByTestId("criterion-add").ClickAsync();
        var criteria = page.GetByTestId("criterion");
        await criteria.Nth(4).GetByTestId("criterion-name").Locator("input").FillAsync("板书设计");
        await criteria.Nth(4).GetByTestId("criterion-weight").Locator("input").FillAsync("10");
        await criteria.Nth(1).GetByTestId("criterion-weight").Locator("input").FillAsync("30");
        await page.GetByTestId("campaign-step").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rubric-total")).ToHaveTextAsync("满分 100 分");
        await health.AssertHealthyAsync($"the rubric at {width} px");
        if (width == 1366)
        {
            await BrowserSession.ScreenshotAsync(page, "campaign-wizard-rubric-1366", fullPage: false);
        }

        await Next(page);

        // The pool: the region's reviewer only (青岛's is not offered), taken in for 语文.
        await Assertions.Expect(step).ToHaveTextAsync("评审专家");
        var pool = page.GetByTestId("reviewer-pool");
        var zhao = pool.GetByTestId("pool-row").Filter(new() { HasText = "赵评审" });
        await Assertions.Expect(zhao).ToBeVisibleAsync();
        await Assertions.Expect(pool).Not.ToContainTextAsync("刘评审");
        await zhao.Locator(".t-checkbox").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pool-count")).ToHaveTextAsync("已选 1 位专家");
        await zhao.GetByTestId("pool-subjects").ClickAsync();
        await page.Locator(".t-select-option", new() { HasText = "语文" }).First.ClickAsync();
        await page.GetByTestId("campaign-step").ClickAsync();
        await health.AssertHealthyAsync($"the expert pool at {width} px");
        if (width == 390)
        {
            await BrowserSession.ScreenshotAsync(page, "campaign-wizard-pool-390");
        }

        await Next(page);

        await Assertions.Expect(step).ToHaveTextAsync("晋级与技术标准");
        await page.GetByTestId("campaign-share").Locator("input").FillAsync("20");
        await page.GetByTestId("campaign-max-per-region").Locator("input").FillAsync("5");
        await page.GetByTestId("campaign-step").ClickAsync();
        await Next(page);

        // Check and create; the administration page opens on the new campaign.
        var summary = page.GetByTestId("campaign-summary");
        await Assertions.Expect(summary).ToContainTextAsync("校级 → 县级 → 市级");
        await Assertions.Expect(summary).ToContainTextAsync("2026-12-01 — 2026-12-10");
        await Assertions.Expect(summary).ToContainTextAsync("板书设计 10");
        await Assertions.Expect(summary).ToContainTextAsync("赵评审");
        await Assertions.Expect(summary).ToContainTextAsync("20%，每个地区最多 5 件");
        await health.AssertHealthyAsync($"the summary at {width} px");
        await page.GetByTestId("campaign-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-created")).ToContainTextAsync($"已创建活动：{campaignName}");
        await health.AssertHealthyAsync($"the created campaign at {width} px");
        await page.GetByTestId("campaign-open").ClickAsync();
        await BrowserSession.WaitForAddressAsync(page, url => url.Contains("/review/admin?campaign=", StringComparison.Ordinal), "/review/admin?campaign=…");

        using var admin = await session.Server.CreateClientForAsync("admin");
        var campaign = (await admin.GetFromJsonAsync<JsonElement>("/api/review/campaigns", Ct)).EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == campaignName);
        var id = campaign.GetProperty("id").GetString()!;
        // 评选管理 opens on the created campaign (its address and its picker).
        Assert.Contains($"campaign={id}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("campaign").Locator("input")).ToHaveValueAsync($"{campaign.GetProperty("year").GetInt32()} {campaignName}");
        Assert.Equal(["school", "county", "city"], campaign.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["教学设计", "教学实施", "信息技术融合", "教学效果", "板书设计"], campaign.GetProperty("rubric").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(100, campaign.GetProperty("rubric").EnumerateArray().Sum(c => c.GetProperty("weight").GetInt32()));
        Assert.Equal(0.2, campaign.GetProperty("promotion").GetProperty("share").GetDouble(), 6);
        Assert.Equal(5, campaign.GetProperty("promotion").GetProperty("maxPerRegion").GetInt32());

        // The browser's day: the school window opens at its midnight and closes at the midnight after the 10th.
        var offset = await page.EvaluateAsync<int>("() => -new Date('2026-12-01T00:00:00').getTimezoneOffset()");
        var school = campaign.GetProperty("windows").GetProperty("school");
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromMinutes(offset)), school.GetProperty("opens").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 0, 0, 0, TimeSpan.FromMinutes(offset)), school.GetProperty("closes").GetDateTimeOffset());

        var members = (await admin.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{id}/reviewers", Ct)).EnumerateArray().ToList();
        var member = Assert.Single(members);
        Assert.Equal(["语文"], member.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));

        // Created: the wizard starts afresh next time.
        await page.GotoAsync("/review/campaigns/new");
        await Assertions.Expect(page.GetByTestId("campaign-step")).ToHaveTextAsync("基本信息");
        await Assertions.Expect(page.GetByTestId("campaign-restored")).ToHaveCountAsync(0);
    }

    private static Task Next(IPage page) => page.GetByTestId("campaign-next").ClickAsync();

    private static Task Day(ILocator row, string testId, string day) => DatePickers.TypeAsync(row.GetByTestId(testId), day);
}
