using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Media.Transcoding.Jobs;

/// <summary>Pushes transcoding progress to the lesson owner's open pages (method "transcodeChanged").</summary>
[Authorize]
internal sealed class TranscodesHub : Hub;

internal sealed class TranscodeNotifier(IHubContext<TranscodesHub> hub)
{
    public Task ChangedAsync(LessonTranscode transcode) =>
        hub.Clients.User(transcode.OwnerId.ToString()).SendAsync("transcodeChanged", TranscodeStatusDto.Of(transcode));
}
