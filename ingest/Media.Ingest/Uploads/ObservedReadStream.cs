namespace Media.Ingest.Uploads;

/// <summary>
/// Reads at most <c>limit</c> bytes from a request body, showing each chunk to an observer (hashes) as it
/// passes, so that bytes are hashed exactly once, on their way into storage. Notes whether more was offered.
/// </summary>
internal sealed class ObservedReadStream(Stream inner, long limit, Action<ReadOnlySpan<byte>> observe) : Stream
{
    private readonly long _limit = limit;
    private long _remaining = limit;

    /// <summary>The body had bytes beyond the limit.</summary>
    public bool Overflowed { get; private set; }

    public long BytesRead => _limit - _remaining;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Request bodies are read asynchronously.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0)
        {
            if (!Overflowed && buffer.Length > 0 && await inner.ReadAsync(buffer[..1], cancellationToken) > 0)
            {
                Overflowed = true;
            }

            return 0;
        }

        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        if (read > 0)
        {
            observe(buffer.Span[..read]);
            _remaining -= read;
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
