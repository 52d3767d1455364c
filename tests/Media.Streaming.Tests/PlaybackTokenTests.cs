using Media.Platform;
using Media.Streaming.Delivery;
using Media.Testing;
using Microsoft.Extensions.Options;

namespace Media.Streaming.Tests;

public sealed class PlaybackTokenTests : IDisposable
{
    private readonly TempFolder _data = new("tokens");
    private readonly ManualTime _time = new();

    private PlaybackTokens Tokens(params string[] keys) => new(
        Options.Create(new StreamingOptions { SigningKeys = keys, UrlLifetime = TimeSpan.FromHours(1) }),
        Options.Create(new MediaOptions { DataPath = _data.Path }), _time);

    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Check_FreshToken_OpensItsLessonOnly()
    {
        var tokens = Tokens();
        var lesson = Guid.NewGuid();
        var token = tokens.Issue(lesson, Guid.NewGuid()).Value;

        Assert.Null(tokens.Check(token, lesson));
        Assert.Contains("signature", tokens.Check(token, Guid.NewGuid()), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TamperedOrMalformed_IsRefused()
    {
        var tokens = Tokens();
        var lesson = Guid.NewGuid();
        var token = tokens.Issue(lesson, Guid.NewGuid()).Value;
        var parts = token.Split('.');

        Assert.NotNull(tokens.Check(parts[0] + "." + (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600) + "." + parts[2], lesson));
        Assert.NotNull(tokens.Check(Guid.NewGuid().ToString("N") + "." + parts[1] + "." + parts[2], lesson));
        Assert.NotNull(tokens.Check(token[..^2] + (token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"), lesson));
        Assert.NotNull(tokens.Check(null, lesson));
        Assert.NotNull(tokens.Check("garbage", lesson));
    }

    [Fact]
    public void Check_AfterExpiry_IsRefused()
    {
        var tokens = Tokens();
        var lesson = Guid.NewGuid();
        var token = tokens.Issue(lesson, Guid.NewGuid()).Value;

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Contains("expired", tokens.Check(token, lesson), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RotatedKeys_OldTokensStillOpenAndNewOnesAreSignedWithTheNewKey()
    {
        var lesson = Guid.NewGuid();
        var old = Tokens(KeyA).Issue(lesson, Guid.NewGuid()).Value;
        var rotated = Tokens(KeyB, KeyA);
        var fresh = rotated.Issue(lesson, Guid.NewGuid()).Value;

        Assert.Null(rotated.Check(old, lesson));
        Assert.Null(rotated.Check(fresh, lesson));
        Assert.NotNull(Tokens(KeyA).Check(fresh, lesson));
    }

    [Fact]
    public void Issue_OnlyEmptyKeysConfigured_UsesTheGeneratedKey()
    {
        var lesson = Guid.NewGuid();
        var token = Tokens("", " ").Issue(lesson, Guid.NewGuid()).Value;

        Assert.Null(Tokens().Check(token, lesson));
    }

    [Fact]
    public void Issue_NoKeyConfigured_KeepsTheGeneratedKeyAcrossRestarts()
    {
        var lesson = Guid.NewGuid();
        var token = Tokens().Issue(lesson, Guid.NewGuid()).Value;

        Assert.Null(Tokens().Check(token, lesson));
    }

    [Fact]
    public void AddToken_Playlist_AppendsTheTokenToEveryUri()
    {
        const string master = "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",URI=\"audio/index.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\n360p/index.m3u8\n";
        const string variant = "#EXTM3U\n#EXT-X-MAP:URI=\"init_0.mp4\"\n#EXTINF:4.0,\nseg_00000.m4s\n#EXT-X-ENDLIST\n";

        Assert.Equal("#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",URI=\"audio/index.m3u8?t=x.1.y%2B\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\n360p/index.m3u8?t=x.1.y%2B\n",
            PlaylistRewriter.AddToken(master, "x.1.y+"));
        Assert.Equal("#EXTM3U\n#EXT-X-MAP:URI=\"init_0.mp4?t=k\"\n#EXTINF:4.0,\nseg_00000.m4s?t=k\n#EXT-X-ENDLIST\n", PlaylistRewriter.AddToken(variant, "k"));
    }

    [Theory]
    [InlineData("bytes=0-99", 1000, 0, 99)]
    [InlineData("bytes=900-", 1000, 900, 999)]
    [InlineData("bytes=-100", 1000, 900, 999)]
    [InlineData("bytes=990-2000", 1000, 990, 999)]
    public void TryParseRange_SingleRange_IsResolved(string header, long length, long from, long to)
    {
        Assert.True(DeliveryEndpoints.TryParseRange(header, length, out var f, out var t));
        Assert.Equal((from, to), (f, t));
    }

    [Theory]
    [InlineData("bytes=1000-", 1000)]
    [InlineData("bytes=0-1,5-6", 1000)]
    [InlineData("items=0-1", 1000)]
    public void TryParseRange_Unsatisfiable_IsRefused(string header, long length) =>
        Assert.False(DeliveryEndpoints.TryParseRange(header, length, out _, out _));

    public void Dispose() => _data.Dispose();

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
