using System.Collections.Concurrent;
using System.Security.Cryptography;
using Media.Platform.Storage;

namespace Media.Ingest.Uploads;

/// <summary>
/// The running SHA-256 of each upload in progress, fed by the bytes of every PATCH as they are stored.
/// Hash state cannot be saved, so after a restart (or on another instance) the stored prefix is hashed
/// again from the blob once, streaming, and the upload continues: the final hash is always of the stored file.
/// </summary>
internal sealed class UploadHashes(IBlobStore store)
{
    private readonly ConcurrentDictionary<Guid, RunningHash> _running = new();

    public async Task<RunningHash> ResumeAsync(Guid uploadId, string blobKey, long storedLength, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(uploadId, out var running) && running.Length == storedLength)
        {
            return running;
        }

        var rebuilt = new RunningHash();
        if (storedLength > 0)
        {
            await using var stored = await store.OpenReadAsync(blobKey, new ByteRange(0, storedLength), cancellationToken);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stored.ReadAsync(buffer, cancellationToken)) > 0)
            {
                rebuilt.Append(buffer.AsSpan(0, read));
            }
        }

        _running[uploadId] = rebuilt;
        return rebuilt;
    }

    public void Forget(Guid uploadId)
    {
        if (_running.TryRemove(uploadId, out var running))
        {
            running.Dispose();
        }
    }
}

internal sealed class RunningHash : IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _sha256.AppendData(bytes);
        Length += bytes.Length;
    }

    /// <summary>The hash so far, as lower-case hex, without ending the running hash.</summary>
    public string CurrentHex() => Convert.ToHexStringLower(_sha256.GetCurrentHash());

    public void Dispose() => _sha256.Dispose();
}
