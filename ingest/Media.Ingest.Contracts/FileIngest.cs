namespace Media.Ingest.Contracts;

/// <summary>
/// Hands a file that already lies on this server (a class recording, say) to the same pipeline as an upload:
/// stored, hashed, validated, and on acceptance a lesson draft for its owner that is then transcoded.
/// </summary>
public interface IFileIngest
{
    /// <summary>Starts ingesting the file; returns the upload id whose status says accepted or rejected and why.</summary>
    Task<Guid> SubmitAsync(string path, Guid ownerId, Guid? organisationId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);
}
