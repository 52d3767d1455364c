using System.Buffers;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Media.Platform.Storage;

/// <summary>Blobs in one Azure Blob Storage container (Azurite in tests).</summary>
public sealed class AzureBlobStore : IBlobStore, IDisposable
{
    private readonly BlobContainerClient _container;
    private readonly SemaphoreSlim _createContainer = new(1, 1);
    private volatile bool _containerExists;

    public AzureBlobStore(string connectionString, string container)
    {
        _container = new BlobContainerClient(connectionString, container);
    }

    public string Provider => BlobStoreOptions.AzureBlob;

    public async Task<BlobProperties> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(key, cancellationToken);
        // A block blob upload commits its block list in one step, so readers never see a partial blob.
        await blob.UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypes.ForKey(key) },
            TransferOptions = new Azure.Storage.StorageTransferOptions { MaximumTransferSize = 4 << 20, InitialTransferSize = 4 << 20 },
        }, cancellationToken);
        return (await GetPropertiesAsync(key, cancellationToken))!;
    }

    public async Task<long> AppendAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        BlobKey.Validate(key);
        await EnsureContainerAsync(cancellationToken);
        var blob = _container.GetAppendBlobClient(key);
        var created = await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypes.ForKey(key) },
        }, cancellationToken);
        long length = created is null ? (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength : 0;

        var buffer = ArrayPool<byte>.Shared.Rent(blob.AppendBlobMaxAppendBlockBytes > 4 << 20 ? 4 << 20 : blob.AppendBlobMaxAppendBlockBytes);
        try
        {
            int filled;
            while ((filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                using var block = new MemoryStream(buffer, 0, filled, writable: false);
                await blob.AppendBlockAsync(block, cancellationToken: cancellationToken);
                length += filled;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return length;
    }

    public async Task<Stream> OpenReadAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(key, cancellationToken);
        var httpRange = default(HttpRange);
        if (range is { } r)
        {
            r.Validate();
            var properties = await GetPropertiesAsync(key, cancellationToken) ?? throw new BlobNotFoundException(key);
            if (r.Offset >= properties.Length)
            {
                return new MemoryStream([], writable: false);
            }

            httpRange = new HttpRange(r.Offset, r.Length);
        }

        try
        {
            var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = httpRange }, cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new BlobNotFoundException(key);
        }
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(key, cancellationToken);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new BlobProperties(key, properties.ContentLength, properties.LastModified, properties.ETag.ToString("H"), properties.ContentType);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        await EnsureContainerAsync(cancellationToken);
        // The service lists in key order (UTF-8 binary), which for our ASCII keys is ordinal order.
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            yield return new BlobProperties(
                item.Name,
                item.Properties.ContentLength ?? 0,
                item.Properties.LastModified ?? DateTimeOffset.MinValue,
                item.Properties.ETag?.ToString("H") ?? string.Empty,
                item.Properties.ContentType);
        }
    }

    public async Task MoveAsync(string sourceKey, string targetKey, CancellationToken cancellationToken = default)
    {
        var source = await BlobAsync(sourceKey, cancellationToken);
        var target = await BlobAsync(targetKey, cancellationToken);
        try
        {
            // A server-side copy within the account; the target blob only appears once the copy is complete.
            var copy = await target.StartCopyFromUriAsync(source.Uri, cancellationToken: cancellationToken);
            await copy.WaitForCompletionAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new BlobNotFoundException(sourceKey);
        }

        await source.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(key, cancellationToken);
        return (await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        await foreach (var blob in ListAsync(prefix, cancellationToken))
        {
            if (await DeleteAsync(blob.Key, cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    public async Task<LocalBlobFile> GetLocalFileAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(key, cancellationToken);
        var path = Path.Combine(Path.GetTempPath(), "media-blob-" + Guid.NewGuid().ToString("N") + Path.GetExtension(key));
        try
        {
            await blob.DownloadToAsync(path, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            File.Delete(path);
            throw new BlobNotFoundException(key);
        }

        return new LocalBlobFile(path, isTemporary: true);
    }

    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        _containerExists = false;
        await EnsureContainerAsync(cancellationToken);
    }

    public void Dispose() => _createContainer.Dispose();

    private async Task<BlobClient> BlobAsync(string key, CancellationToken cancellationToken)
    {
        BlobKey.Validate(key);
        await EnsureContainerAsync(cancellationToken);
        return _container.GetBlobClient(key);
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerExists)
        {
            return;
        }

        await _createContainer.WaitAsync(cancellationToken);
        try
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }
        finally
        {
            _createContainer.Release();
        }
    }
}
