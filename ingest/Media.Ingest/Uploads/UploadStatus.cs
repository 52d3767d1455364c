using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Media.Ingest.Uploads;

/// <summary>What the uploader sees of an upload (GET /api/uploads/{id}/status and the SignalR push).</summary>
internal sealed record UploadStatusDto(
    Guid Id,
    string State,
    Guid? LessonId,
    string? Sha256,
    string? Error,
    long Offset,
    long Length,
    string? FileName,
    string? Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ErrorCode)
{
    internal static UploadStatusDto Of(Upload upload) => new(
        upload.Id,
        upload.State.ToString().ToLowerInvariant(),
        upload.LessonId,
        upload.State is UploadState.Receiving ? null : upload.Sha256,
        upload.Error,
        upload.Offset,
        upload.Length,
        upload.Metadata.GetValueOrDefault("filename"),
        upload.Metadata.GetValueOrDefault("title"),
        upload.CreatedAt,
        upload.UpdatedAt,
        upload.ErrorCode);
}

/// <summary>Pushes upload progress and state to the uploader's open pages (method "uploadChanged").</summary>
[Authorize]
internal sealed class UploadsHub : Hub;

internal sealed class UploadNotifier(IHubContext<UploadsHub> hub)
{
    public Task ChangedAsync(Upload upload) =>
        hub.Clients.User(upload.OwnerId.ToString()).SendAsync("uploadChanged", UploadStatusDto.Of(upload));
}
