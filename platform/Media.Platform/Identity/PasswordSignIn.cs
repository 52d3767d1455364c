using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Media.Platform.Identity;

/// <summary>
/// Signing in with a built-in account's password, for the API and the sign-in page alike, with a limit on guessing:
/// after <see cref="AuthOptions.MaxFailuresPerAccount"/> wrong passwords an account is locked for
/// <see cref="AuthOptions.LockoutPeriod"/> (the right password included), and an address that fails
/// <see cref="AuthOptions.MaxFailuresPerAddress"/> times waits as long. Only failures count, so a school behind one
/// address signing in all morning is never slowed. Counts live in this process's memory (a node restart forgets them).
/// </summary>
public sealed class PasswordSignIn(UserDirectory users, IMemoryCache counts, TimeProvider time, IOptions<AuthOptions> options)
{
    public async Task<SignInOutcome> SignInAsync(string userName, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var now = time.GetUtcNow();
        var accountKey = ("sign-in:account", userName.Trim().ToUpperInvariant());
        var addressKey = ("sign-in:address", address?.ToString() ?? "unknown");
        if ((LockedUntil(accountKey, options.Value.MaxFailuresPerAccount, now) ?? LockedUntil(addressKey, options.Value.MaxFailuresPerAddress, now)) is { } until)
        {
            return SignInOutcome.Locked(until - now);
        }

        var user = await users.VerifyPasswordAsync(userName, password, cancellationToken);
        if (user is not null)
        {
            counts.Remove(accountKey);
            return SignInOutcome.SignedIn(user);
        }

        Fail(accountKey, now);
        Fail(addressKey, now);
        return LockedUntil(accountKey, options.Value.MaxFailuresPerAccount, now) is { } locked
            ? SignInOutcome.Locked(locked - now)
            : SignInOutcome.Invalid;
    }

    private DateTimeOffset? LockedUntil((string, string) key, int limit, DateTimeOffset now) =>
        counts.TryGetValue(key, out Failures? failures) && failures!.Count >= limit && failures.Until > now ? failures.Until : null;

    /// <summary>Counts a failure; the count is forgotten one lockout period after the last failure, and a lock lasts that long from the failure that reached the limit.</summary>
    private void Fail((string, string) key, DateTimeOffset now)
    {
        var period = options.Value.LockoutPeriod;
        lock (counts)
        {
            var failures = counts.TryGetValue(key, out Failures? known) && known!.Until > now ? known : new Failures();
            failures.Count++;
            failures.Until = now + period;
            counts.Set(key, failures, period);
        }
    }

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset Until { get; set; }
    }
}

/// <summary>How a password sign-in ended.</summary>
public sealed record SignInOutcome(User? User, TimeSpan? RetryAfter)
{
    public static SignInOutcome Invalid { get; } = new(null, null);

    public static SignInOutcome SignedIn(User user) => new(user, null);

    public static SignInOutcome Locked(TimeSpan retryAfter) => new(null, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);
}
