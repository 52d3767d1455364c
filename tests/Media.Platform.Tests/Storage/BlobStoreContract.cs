using System.Security.Cryptography;
using System.Text;
using Media.Platform.Storage;

namespace Media.Platform.Tests.Storage;

/// <summary>What every <see cref="IBlobStore"/> must do; run against each implementation.</summary>
public abstract class BlobStoreContract
{
    protected abstract IBlobStore CreateStore();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string> ReadAllAsync(IBlobStore store, string key, ByteRange? range = null)
    {
        await using var stream = await store.OpenReadAsync(key, range, Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct);
    }

    private static string Prefix() => $"t-{Guid.NewGuid():N}/";

    [Fact]
    public async Task PutAsync_NewKey_ReadsBackSameBytesAndProperties()
    {
        var store = CreateStore();
        var key = Prefix() + "lesson/master.m3u8";

        var written = await store.PutAsync(key, Bytes("#EXTM3U\n"), Ct);

        Assert.Equal(8, written.Length);
        Assert.Equal("#EXTM3U\n", await ReadAllAsync(store, key));
        var properties = await store.GetPropertiesAsync(key, Ct);
        Assert.NotNull(properties);
        Assert.Equal(8, properties.Length);
        Assert.Equal("application/vnd.apple.mpegurl", properties.ContentType);
        Assert.False(string.IsNullOrEmpty(properties.ETag));
    }

    [Fact]
    public async Task PutAsync_ExistingKey_ReplacesContent()
    {
        var store = CreateStore();
        var key = Prefix() + "a.txt";
        await store.PutAsync(key, Bytes("first version"), Ct);

        await store.PutAsync(key, Bytes("second"), Ct);

        Assert.Equal("second", await ReadAllAsync(store, key));
    }

    [Fact]
    public async Task PutAsync_LargeStream_KeepsEveryByte()
    {
        var store = CreateStore();
        var key = Prefix() + "big.bin";
        var data = RandomNumberGenerator.GetBytes(9 * 1024 * 1024 + 123);

        await store.PutAsync(key, new MemoryStream(data), Ct);

        await using var read = await store.OpenReadAsync(key, cancellationToken: Ct);
        Assert.Equal(SHA256.HashData(data), await SHA256.HashDataAsync(read, Ct));
    }

    [Fact]
    public async Task PutAsync_SourceFailsMidway_LeavesPreviousBlobIntact()
    {
        var store = CreateStore();
        var key = Prefix() + "video.mp4";
        await store.PutAsync(key, Bytes("complete original"), Ct);

        await Assert.ThrowsAnyAsync<IOException>(() => store.PutAsync(key, new FailingStream(1024 * 1024), Ct));

        Assert.Equal("complete original", await ReadAllAsync(store, key));
    }

    [Fact]
    public async Task OpenReadAsync_Range_ReturnsExactlyThoseBytes()
    {
        var store = CreateStore();
        var key = Prefix() + "seg.m4s";
        await store.PutAsync(key, Bytes("0123456789"), Ct);

        Assert.Equal("3456", await ReadAllAsync(store, key, new ByteRange(3, 4)));
        Assert.Equal("789", await ReadAllAsync(store, key, new ByteRange(7, null)));
        Assert.Equal("89", await ReadAllAsync(store, key, new ByteRange(8, 100)));
        Assert.Equal(string.Empty, await ReadAllAsync(store, key, new ByteRange(10, null)));
    }

    [Fact]
    public async Task OpenReadAsync_MissingKey_ThrowsBlobNotFound()
    {
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<BlobNotFoundException>(() => store.OpenReadAsync(Prefix() + "missing.mp4", cancellationToken: Ct));

        Assert.EndsWith("missing.mp4", error.Key);
        Assert.Null(await store.GetPropertiesAsync(Prefix() + "missing.mp4", Ct));
    }

    [Fact]
    public async Task AppendAsync_SeveralChunks_ConcatenatesAndReportsLength()
    {
        var store = CreateStore();
        var key = Prefix() + "uploads/partial.bin";
        var first = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 7);
        var second = RandomNumberGenerator.GetBytes(1000);

        Assert.Equal(first.Length, await store.AppendAsync(key, new MemoryStream(first), Ct));
        Assert.Equal(first.Length + second.Length, await store.AppendAsync(key, new MemoryStream(second), Ct));

        await using var read = await store.OpenReadAsync(key, cancellationToken: Ct);
        Assert.Equal(SHA256.HashData([.. first, .. second]), await SHA256.HashDataAsync(read, Ct));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOnlyThatPrefixInKeyOrder()
    {
        var store = CreateStore();
        var prefix = Prefix();
        foreach (var name in new[] { "v1/b.m4s", "v1/a.m4s", "v1/sub/c.m4s", "v2/a.m4s", "v10.txt" })
        {
            await store.PutAsync(prefix + name, Bytes(name), Ct);
        }

        var v1 = await store.ListAsync(prefix + "v1/", Ct).Select(b => b.Key[prefix.Length..]).ToListAsync(Ct);
        var startsWithV1 = await store.ListAsync(prefix + "v1", Ct).Select(b => b.Key[prefix.Length..]).ToListAsync(Ct);

        Assert.Equal(["v1/a.m4s", "v1/b.m4s", "v1/sub/c.m4s"], v1);
        Assert.Equal(["v1/a.m4s", "v1/b.m4s", "v1/sub/c.m4s", "v10.txt"], startsWithV1);
        Assert.Empty(await store.ListAsync(prefix + "none/", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task MoveAsync_ExistingBlob_AppearsAtTargetAndLeavesSource()
    {
        var store = CreateStore();
        var prefix = Prefix();
        await store.PutAsync(prefix + "staging/file.mp4", Bytes("payload"), Ct);
        await store.PutAsync(prefix + "final/file.mp4", Bytes("old"), Ct);

        await store.MoveAsync(prefix + "staging/file.mp4", prefix + "final/file.mp4", Ct);

        Assert.Equal("payload", await ReadAllAsync(store, prefix + "final/file.mp4"));
        Assert.Null(await store.GetPropertiesAsync(prefix + "staging/file.mp4", Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.MoveAsync(prefix + "staging/file.mp4", prefix + "x.mp4", Ct));
    }

    [Fact]
    public async Task DeletePrefixAsync_StagingArea_RemovesOnlyThatArea()
    {
        var store = CreateStore();
        var prefix = Prefix();
        await store.PutAsync(prefix + "staging/1.m4s", Bytes("1"), Ct);
        await store.PutAsync(prefix + "staging/deep/2.m4s", Bytes("2"), Ct);
        await store.PutAsync(prefix + "published/1.m4s", Bytes("p"), Ct);

        Assert.Equal(2, await store.DeletePrefixAsync(prefix + "staging/", Ct));

        Assert.Empty(await store.ListAsync(prefix + "staging/", Ct).ToListAsync(Ct));
        Assert.Equal("p", await ReadAllAsync(store, prefix + "published/1.m4s"));
        Assert.True(await store.DeleteAsync(prefix + "published/1.m4s", Ct));
        Assert.False(await store.DeleteAsync(prefix + "published/1.m4s", Ct));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("uploads/ä.mp4")]
    public async Task AnyOperation_UnsafeKey_IsRejected(string key)
    {
        var store = CreateStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(key, Bytes("x"), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.OpenReadAsync(key, cancellationToken: Ct));
    }

    [Fact]
    public async Task GetLocalFileAsync_ExistingBlob_GivesAReadablePathWithTheBytes()
    {
        var store = CreateStore();
        var key = Prefix() + "uploads/source";
        await store.PutAsync(key, Bytes("media bytes"), Ct);

        string path;
        using (var local = await store.GetLocalFileAsync(key, Ct))
        {
            path = local.Path;
            Assert.Equal("media bytes", await File.ReadAllTextAsync(path, Ct));
        }

        Assert.NotNull(await store.GetPropertiesAsync(key, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetLocalFileAsync(Prefix() + "none", Ct));
    }

    [Fact]
    public async Task CheckAsync_ReachableStore_Succeeds() => await CreateStore().CheckAsync(Ct);

    /// <summary>Yields some bytes, then fails like a dropped connection.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("connection reset");
            }

            var n = Math.Min(count, failAfter - _position);
            Array.Fill(buffer, (byte)'x', offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
