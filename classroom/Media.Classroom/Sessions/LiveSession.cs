using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

/// <summary>A scheduled live lesson: a synchronous class (同步课堂), a famous-teacher broadcast (名师课堂) or teaching research (网络教研).</summary>
internal sealed class LiveSession
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public SessionKind Kind { get; set; }
    public Guid HostId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public SessionStatus Status { get; set; }

    /// <summary>For teaching research: the catalog lesson the participants watch together.</summary>
    public Guid? LessonId { get; set; }

    public bool Recording { get; set; }

    /// <summary>The Janus VideoRoom of the session and its secret, once created.</summary>
    public long? JanusRoom { get; set; }

    public string? JanusSecret { get; set; }

    /// <summary>The host's publisher id in the room, noted at the end so the recording job picks the host's camera.</summary>
    public long? RecordingFeed { get; set; }

    /// <summary>The upload the recording became (its status leads to the lesson draft), or why it could not.</summary>
    public Guid? RecordingUploadId { get; set; }

    public string? RecordingError { get; set; }

    public DateTimeOffset? RecordingFinishedAt { get; set; }

    public List<SessionEndpoint> Endpoints { get; set; } = [];
    public List<SessionInvitee> Invitees { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
