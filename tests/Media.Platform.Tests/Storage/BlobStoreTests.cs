using Media.Platform.Storage;
using Media.Testing;

namespace Media.Platform.Tests.Storage;

public sealed class FileSystemBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly TempFolder _folder = new("blobs");

    protected override IBlobStore CreateStore() => new FileSystemBlobStore(_folder.Path);

    [Fact]
    public async Task PutAsync_Completed_LeavesNoTemporaryFiles()
    {
        var store = CreateStore();
        await store.PutAsync("a/b.txt", new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken);

        Assert.Empty(Directory.EnumerateFiles(_folder.Combine(".tmp")));
        Assert.True(File.Exists(_folder.Combine("a", "b.txt")));
    }

    public void Dispose() => _folder.Dispose();
}

public sealed class AzureBlobStoreTests(AzuriteFixture azurite) : BlobStoreContract, IClassFixture<AzuriteFixture>
{
    protected override IBlobStore CreateStore()
    {
        azurite.RequireAvailable();
        return new AzureBlobStore(azurite.ConnectionString!, "contract");
    }
}
