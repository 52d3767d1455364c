namespace Media.Classroom.Sessions;

/// <summary>Who takes which role in a session; null for people who may not join.</summary>
internal static class SessionAccess
{
    public static ParticipantRole? RoleOf(LiveSession session, Guid userId, bool isAdmin)
    {
        if (session.HostId == userId)
        {
            return ParticipantRole.Host;
        }

        if (session.Endpoints.Any(e => e.CoTeacherId == userId))
        {
            return ParticipantRole.CoTeacher;
        }

        if (session.Invitees.FirstOrDefault(i => i.UserId == userId) is { } invitee)
        {
            return invitee.Role;
        }

        // A famous-teacher broadcast is open to every signed-in viewer; administrators may look in on anything.
        if (session.Kind == SessionKind.Broadcast)
        {
            return ParticipantRole.Student;
        }

        return isAdmin ? ParticipantRole.Observer : null;
    }
}
