namespace Media.Classroom.Sessions;

/// <summary>Who takes which role in a session; null for people who may not join.</summary>
/// <remarks>A class picked for a classroom lets its students in; the class's other members (its teachers) too, as students.</remarks>
internal static class SessionAccess
{
    // organisationId: the person's organisation (a student's is their class).
    public static ParticipantRole? RoleOf(LiveSession session, Guid userId, Guid? organisationId, bool isAdmin)
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

        if (organisationId is { } organisation && session.Endpoints.Any(e => e.ClassId == organisation))
        {
            return ParticipantRole.Student;
        }

        // A famous-teacher broadcast is open to every signed-in viewer; administrators may look in on anything.
        if (session.Kind == SessionKind.Broadcast)
        {
            return ParticipantRole.Student;
        }

        return isAdmin ? ParticipantRole.Observer : null;
    }
}
