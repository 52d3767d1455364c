using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Media.EndToEnd.Tests;

/// <summary>
/// What every page must be, checked the same way wherever a test stands on one: nothing scrolls sideways, nothing is
/// logged as an error or fails to load, no resource key shows instead of text, axe finds no serious or critical problem.
/// </summary>
internal sealed partial class PageHealth
{
    private readonly IPage _page;

    private PageHealth(IPage page)
    {
        _page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Errors.Add($"uncaught: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                FailedRequests.Add($"{response.Status} {response.Url}");
            }
        };
    }

    /// <summary>Console errors and uncaught exceptions since <see cref="Watch"/>.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Responses of 400 and above since <see cref="Watch"/>.</summary>
    public List<string> FailedRequests { get; } = [];

    /// <summary>Starts recording the page's errors and failed requests; call before the page is opened.</summary>
    public static PageHealth Watch(IPage page) => new(page);

    /// <summary>Asserts all of it for the page as it is now; <paramref name="where"/> names it in the messages.</summary>
    public async Task AssertHealthyAsync(string where)
    {
        await AssertFitsAsync(where);
        AssertNoErrors(where);
        await AssertNoRawKeysAsync(where);
        await AssertAccessibleAsync(where);
    }

    public async Task AssertFitsAsync(string where)
    {
        var overflow = await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{where} scrolls sideways by {overflow} px; widest: {await WidestAsync()}");
    }

    public void AssertNoErrors(string where) =>
        Assert.True(Errors.Count == 0, $"{where}: {string.Join(" | ", Errors)}; failed requests: {string.Join(", ", FailedRequests)}");

    public async Task AssertNoRawKeysAsync(string where)
    {
        var text = await _page.InnerTextAsync("body");
        var keys = ResourceKey().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(keys.Count == 0, $"{where} shows resource keys instead of text: {string.Join(", ", keys)}");
    }

    public async Task AssertAccessibleAsync(string where)
    {
        // A colour caught halfway through a transition (a button turning from disabled to enabled) is not the colour a reader sees.
        await _page.EvaluateAsync(
            "() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => null)))");
        var axe = await _page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join("; ", v.Nodes.Take(3).Select(n => $"{n.Html} ({string.Join(" ", n.Any.Select(c => c.Message))})"))}").ToList();
        Assert.True(serious.Count == 0, $"{where}: {string.Join(Environment.NewLine, serious)}");
    }

    /// <summary>The elements that reach furthest right, to say what makes a page scroll sideways.</summary>
    private Task<string> WidestAsync() => _page.EvaluateAsync<string>(
        """
        () => [...document.querySelectorAll('body *')]
          .map((e) => ({ e, right: e.getBoundingClientRect().right }))
          .filter((x) => x.right > window.innerWidth + 1)
          .sort((a, b) => b.right - a.right).slice(0, 3)
          .map((x) => `${x.e.tagName.toLowerCase()}${x.e.id ? '#' + x.e.id : ''}${x.e.className ? '.' + String(x.e.className).split(' ').join('.') : ''} → ${Math.round(x.right)} px`).join(', ')
        """);

    /// <summary>The shape of a resource key (Player.Chapters, Role.Host, editor.title) that a missing translation would show.</summary>
    [GeneratedRegex(@"\b([A-Z][a-z]+(\.[A-Z][A-Za-z]+)+|(common|problem|status|level|access|editor|field|picker|chapters|captions|upload|people|roster|kind|role|campaign|review|home|assign)\.[a-z][A-Za-z]+)\b")]
    private static partial Regex ResourceKey();
}
