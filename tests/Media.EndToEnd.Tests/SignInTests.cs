using Media.Testing;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

public sealed class SignInTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task SignIn_DemoTeacher_SeesHomePageWithTheirName()
    {
        var page = await session.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "登录" }).First.ClickAsync();
        await page.GetByLabel("用户名").FillAsync("teacher");
        await page.GetByLabel("密码").FillAsync(MediaServerFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("welcome")).ToHaveTextAsync("欢迎，张老师");
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("张老师");
        Assert.Equal(session.BaseUrl + "/", page.Url);
        await BrowserSession.ScreenshotAsync(page, "home-teacher");
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnFormWithError()
    {
        var page = await session.NewPageAsync();

        await page.GotoAsync("/account/signin");
        await page.GetByLabel("用户名").FillAsync("teacher");
        await page.GetByLabel("密码").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("signin-error")).ToBeVisibleAsync();
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
    }
}
