using System.Globalization;
using System.Runtime.CompilerServices;

namespace Media.Platform.Storage;

/// <summary>Blobs as files under one root folder; writes land in a temp folder and are renamed into place.</summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private const string TempFolder = ".tmp";
    private const int BufferSize = 1 << 16;
    private readonly string _root;

    public FileSystemBlobStore(string rootPath)
    {
        _root = Path.GetFullPath(rootPath);
        Directory.CreateDirectory(Path.Combine(_root, TempFolder));
    }

    public string Provider => BlobStoreOptions.FileSystem;

    public async Task<BlobProperties> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = PathOf(key);
        var temp = Path.Combine(_root, TempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                await content.CopyToAsync(file, BufferSize, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return Describe(key, new FileInfo(target));
    }

    public async Task<long> AppendAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var file = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.Read, BufferSize, useAsync: true);
        await content.CopyToAsync(file, BufferSize, cancellationToken);
        await file.FlushAsync(cancellationToken);
        return file.Length;
    }

    public Task<Stream> OpenReadAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(key);
        }

        if (range is not { } r)
        {
            return Task.FromResult<Stream>(file);
        }

        r.Validate();
        file.Seek(Math.Min(r.Offset, file.Length), SeekOrigin.Begin);
        var available = Math.Max(0, file.Length - r.Offset);
        return Task.FromResult<Stream>(new BoundedReadStream(file, Math.Min(available, r.Length ?? available), ownsInner: true));
    }

    public Task<BlobProperties?> GetPropertiesAsync(string key, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult(info.Exists ? Describe(key, info) : null);
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        var folder = Path.Combine(_root, prefix[..(prefix.LastIndexOf('/') + 1)]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var keys = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal) && !key.StartsWith(TempFolder + "/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(Path.Combine(_root, key));
            if (info.Exists)
            {
                yield return Describe(key, info);
            }
        }

        await Task.CompletedTask;
    }

    public Task MoveAsync(string sourceKey, string targetKey, CancellationToken cancellationToken = default)
    {
        var source = PathOf(sourceKey);
        var target = PathOf(targetKey);
        if (!File.Exists(source))
        {
            throw new BlobNotFoundException(sourceKey);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(source, target, overwrite: true);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var existed = File.Exists(path);
        File.Delete(path);
        return Task.FromResult(existed);
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        await foreach (var blob in ListAsync(prefix, cancellationToken))
        {
            File.Delete(PathOf(blob.Key));
            deleted++;
        }

        RemoveEmptyFolders(Path.Combine(_root, prefix[..(prefix.LastIndexOf('/') + 1)]));
        return deleted;
    }

    public Task<LocalBlobFile> GetLocalFileAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        return File.Exists(path) ? Task.FromResult(new LocalBlobFile(path, isTemporary: false)) : throw new BlobNotFoundException(key);
    }

    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(_root, TempFolder, "ready-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(probe, "ok", cancellationToken);
        File.Delete(probe);
    }

    private string PathOf(string key) => Path.Combine(_root, BlobKey.Validate(key));

    private void RemoveEmptyFolders(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            RemoveEmptyFolders(child);
        }

        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (full != _root && !Directory.EnumerateFileSystemEntries(full).Any())
        {
            Directory.Delete(full);
        }
    }

    private static BlobProperties Describe(string key, FileInfo info) => new(
        key,
        info.Length,
        info.LastWriteTimeUtc,
        "\"" + info.Length.ToString("x", CultureInfo.InvariantCulture) + "-" + info.LastWriteTimeUtc.Ticks.ToString("x", CultureInfo.InvariantCulture) + "\"",
        ContentTypes.ForKey(key));
}
