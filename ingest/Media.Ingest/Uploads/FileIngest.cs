using Media.Ingest.Contracts;

namespace Media.Ingest.Uploads;

/// <summary>A server-side file enters exactly as an upload does (see <see cref="UploadReceiver.ImportFileAsync"/>).</summary>
internal sealed class FileIngest(UploadReceiver receiver) : IFileIngest
{
    public async Task<Guid> SubmitAsync(string path, Guid ownerId, Guid? organisationId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        var upload = await receiver.ImportFileAsync(ownerId, organisationId, file, new Dictionary<string, string>(metadata) { ["filename"] = file.Name }, cancellationToken);
        return upload.Id;
    }
}
