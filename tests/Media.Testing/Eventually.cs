using System.Diagnostics;
using Xunit;

namespace Media.Testing;

/// <summary>Waits for an outcome of real processes, with a deadline that only keeps a broken build from hanging.</summary>
public static class Eventually
{
    /// <summary>
    /// Polls <paramref name="condition"/> every 200 ms until it holds; a refused connection counts as "not yet" (a
    /// process is still starting). Past <paramref name="timeout"/> the test fails, with <paramref name="diagnostics"/> when given.
    /// </summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // A process is still starting.
            }

            Assert.True(clock.Elapsed < timeout, $"condition not met within {timeout}{Environment.NewLine}{diagnostics?.Invoke()}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
