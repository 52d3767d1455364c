using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

/// <summary>One stay of one person in a session: from joining to leaving (or the connection dropping).</summary>
internal sealed class Attendance
{
    public long Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public Guid? EndpointId { get; set; }
    public ParticipantRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}
