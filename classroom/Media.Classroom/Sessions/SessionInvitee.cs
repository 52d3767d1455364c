using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Media.Classroom.Sessions;

/// <summary>Someone invited by name, with the role they take when they join.</summary>
internal sealed class SessionInvitee
{
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public ParticipantRole Role { get; set; }
}
