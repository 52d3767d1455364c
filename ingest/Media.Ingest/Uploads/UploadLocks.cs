using System.Collections.Concurrent;

namespace Media.Ingest.Uploads;

/// <summary>
/// One writer per upload at a time: a second PATCH racing the first is refused at once (409) instead of
/// interleaving bytes. Process-wide; at scale, route an upload's requests to one instance (sticky by URL).
/// </summary>
internal sealed class UploadLocks
{
    private readonly ConcurrentDictionary<Guid, object> _held = new();

    public IDisposable? TryAcquire(Guid uploadId) =>
        _held.TryAdd(uploadId, this) ? new Release(() => _held.TryRemove(uploadId, out _)) : null;

    private sealed class Release(Action release) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }
        }
    }
}
