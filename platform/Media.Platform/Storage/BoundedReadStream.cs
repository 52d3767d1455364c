namespace Media.Platform.Storage;

/// <summary>
/// A read-only view of at most <c>limit</c> bytes of another stream: a byte range of a file, or a request body
/// bounded by what an upload still expects. Each chunk read can be shown to an observer (hashes see bytes
/// exactly once, on their way into storage); <see cref="Overflowed"/> tells whether more was offered.
/// </summary>
public sealed class BoundedReadStream(Stream inner, long limit, Action<ReadOnlySpan<byte>>? observe = null, bool ownsInner = false) : Stream
{
    private readonly long _limit = limit;
    private long _remaining = limit;

    /// <summary>The inner stream had bytes beyond the limit (known once the limit was reached and read past).</summary>
    public bool Overflowed { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _limit;
    public override long Position { get => _limit - _remaining; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0)
        {
            Overflowed |= buffer.Length > 0 && inner.Read(buffer[..1]) > 0;
            return 0;
        }

        return Consumed(buffer, inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0)
        {
            Overflowed |= buffer.Length > 0 && await inner.ReadAsync(buffer[..1], cancellationToken) > 0;
            return 0;
        }

        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        return Consumed(buffer.Span, read);
    }

    private int Consumed(ReadOnlySpan<byte> buffer, int read)
    {
        if (read > 0)
        {
            observe?.Invoke(buffer[..read]);
            _remaining -= read;
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (ownsInner)
        {
            await inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
