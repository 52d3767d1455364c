namespace Media.Platform.Storage;

/// <summary>
/// Where media bytes live. Keys are relative paths ("uploads/abc/file.mp4") of segments made of
/// letters, digits, '.', '_' and '-'. Every write is all-or-nothing for readers: a blob is either
/// absent or complete, never half-written. Contents stream through; nothing buffers a whole blob.
/// </summary>
public interface IBlobStore
{
    /// <summary>The provider's name as configured (FileSystem, AzureBlob).</summary>
    string Provider { get; }

    /// <summary>Writes (or replaces) a blob from a stream; readers see the old or the new blob, never a mix.</summary>
    Task<BlobProperties> PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Appends bytes to a blob, creating it when absent; returns the blob's new length.</summary>
    Task<long> AppendAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob, or a byte range of it, for streaming reads.</summary>
    /// <exception cref="BlobNotFoundException">No blob has that key.</exception>
    Task<Stream> OpenReadAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Size, time and type (from the key's extension) of a blob, or null when there is none.</summary>
    Task<BlobProperties?> GetPropertiesAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Blobs whose key starts with the prefix, in ordinal key order.</summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Moves a blob to a new key, replacing what is there; the target appears complete in one step.</summary>
    /// <exception cref="BlobNotFoundException">No blob has the source key.</exception>
    Task MoveAsync(string sourceKey, string targetKey, CancellationToken cancellationToken = default);

    /// <summary>Deletes one blob; false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every blob under a prefix (a staging area, a lesson's old renditions); returns how many.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// A local file with the blob's content, for tools that need a path (ffprobe, ffmpeg): the file itself
    /// for the filesystem store, a temporary download otherwise. Dispose it when done.
    /// </summary>
    /// <exception cref="BlobNotFoundException">No blob has that key.</exception>
    Task<LocalBlobFile> GetLocalFileAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Throws when the store cannot be reached or written; used by the readiness check.</summary>
    Task CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>A path to a blob's bytes on this machine; a temporary copy is deleted on dispose.</summary>
public sealed class LocalBlobFile(string path, bool isTemporary) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (isTemporary)
        {
            File.Delete(Path);
        }
    }
}

/// <summary>What a store knows of one blob.</summary>
public sealed record BlobProperties(string Key, long Length, DateTimeOffset LastModified, string ETag, string? ContentType);

/// <summary>An inclusive start and an optional length, as in an HTTP Range request.</summary>
public readonly record struct ByteRange(long Offset, long? Length)
{
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Offset);
        if (Length is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        }
    }
}

public sealed class BlobNotFoundException : Exception
{
    public BlobNotFoundException(string key) : base($"No blob has the key '{key}'.") => Key = key;

    public BlobNotFoundException() : base("No such blob.") => Key = string.Empty;

    public BlobNotFoundException(string message, Exception innerException) : base(message, innerException) => Key = string.Empty;

    public string Key { get; }
}
