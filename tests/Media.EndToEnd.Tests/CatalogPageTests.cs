using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

public sealed class CatalogPageTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Catalog_StudentSearchesAndFilters_SeesHighlightedResultsAndNarrowedCounts()
    {
        var page = await session.SignedInPageAsync("student", "/catalog");
        await Assertions.Expect(page.GetByTestId("summary")).ToHaveTextAsync("共 600 个课例");

        await page.GetByTestId("search-box").Locator("input").FillAsync("背影");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();

        var first = page.GetByTestId("results").Locator("li.result").First;
        await Assertions.Expect(first.Locator(".title em")).ToHaveTextAsync("背影");
        var subject = page.GetByTestId("facets").Locator("details[data-facet=subject] button").First;
        await Assertions.Expect(subject).ToContainTextAsync("语文");
        await subject.ClickAsync();
        await Assertions.Expect(page.GetByTestId("facets").Locator("details[data-facet=subject] .chosen")).ToContainTextAsync("语文");
        Assert.Contains("subject=", page.Url, StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "catalog-search");
    }

    [Fact]
    public async Task Browse_StudentOpensTheTableOfContents_FollowsANodeIntoSearch()
    {
        var page = await session.SignedInPageAsync("student", "/catalog/browse");

        var junior = page.GetByTestId("taxonomy").Locator(".branch > a", new() { HasText = "初中" }).First;
        await Assertions.Expect(junior).ToContainTextAsync("(");
        await junior.ClickAsync();

        await BrowserSession.WaitForAddressAsync(page, url => url.Contains("/catalog?stage=", StringComparison.Ordinal), "the catalog filtered by stage");
        await Assertions.Expect(page.GetByTestId("facets").Locator("details[data-facet=stage] .chosen")).ToContainTextAsync("初中");
    }
}
