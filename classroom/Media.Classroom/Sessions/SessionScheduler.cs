using System.Security.Claims;
using Media.Classroom.Data;
using Media.Platform.Identity;
using Media.Streaming.Contracts;

namespace Media.Classroom.Sessions;

/// <summary>The outcome of scheduling: the session, or why it was refused (<see cref="NotFound"/>: a lesson the host may not open).</summary>
internal sealed record ScheduledSession(LiveSession? Session, string? Refusal, bool NotFound);

/// <summary>
/// Schedules a live session for its host: checks the kind, times, lesson, classrooms (picked classes or named rooms with
/// co-teachers) and invitees, and stores it. The API and the demo both schedule through it.
/// </summary>
internal sealed class SessionScheduler(ClassroomDbContext db, UserDirectory users, ClassDirectory classes, ILessonViewers viewers, TimeProvider time)
{
    internal static readonly Dictionary<string, SessionKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["synchronous-class"] = SessionKind.SynchronousClass,
        ["broadcast"] = SessionKind.Broadcast,
        ["teaching-research"] = SessionKind.TeachingResearch,
    };

    internal static readonly Dictionary<string, ParticipantRole> InviteeRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["student"] = ParticipantRole.Student,
        ["observer"] = ParticipantRole.Observer,
        ["researcher"] = ParticipantRole.Researcher,
        ["co-teacher"] = ParticipantRole.CoTeacher,
    };

    public async Task<ScheduledSession> ScheduleAsync(NewSession request, ClaimsPrincipal host, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200)
        {
            return Refuse("title must be 1–200 characters.");
        }

        if (request.Kind is null || !Kinds.TryGetValue(request.Kind, out var kind))
        {
            return Refuse($"kind must be one of: {string.Join(", ", Kinds.Keys)}.");
        }

        if (request.EndsAt <= request.StartsAt || request.EndsAt - request.StartsAt > TimeSpan.FromHours(12))
        {
            return Refuse("endsAt must come after startsAt, at most 12 hours later.");
        }

        if (kind == SessionKind.TeachingResearch && request.LessonId is null)
        {
            return Refuse("A teaching-research session needs the lessonId of the lesson to watch together.");
        }

        // Co-watching puts the lesson and remarks on it in front of others: only a lesson its host may open.
        if (kind == SessionKind.TeachingResearch && !await viewers.MayWatchAsync(request.LessonId!.Value, host, cancellationToken))
        {
            return NotFound($"No published lesson {request.LessonId} that you may watch: teaching research co-watches a lesson open to its host.");
        }

        var endpoints = request.Classrooms ?? [];
        if (kind == SessionKind.SynchronousClass && endpoints.Count is < 2 or > 7)
        {
            return Refuse("A synchronous class has the main classroom and 1–6 remote classrooms.");
        }

        var session = new LiveSession
        {
            Id = Guid.NewGuid(), Title = request.Title.Trim(), Kind = kind, HostId = host.UserId()!.Value, StartsAt = request.StartsAt, EndsAt = request.EndsAt,
            LessonId = request.LessonId, Recording = request.Recording ?? kind == SessionKind.SynchronousClass, CreatedAt = time.GetUtcNow(),
        };
        var position = 0;
        foreach (var classroom in endpoints)
        {
            var name = classroom.Name?.Trim();
            if (classroom.ClassId is { } classId)
            {
                if (await classes.FindClassAsync(classId, cancellationToken) is not { } picked)
                {
                    return Refuse($"No active class {classId}: pick classes from GET /api/classroom/classes.");
                }

                name = string.IsNullOrEmpty(name) ? picked.Name : name;
            }

            if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            {
                return Refuse("every classroom needs a name of 1–200 characters (or a classId, whose name it takes).");
            }

            var coTeacher = classroom.CoTeacherId;
            if (coTeacher is { } teacher && !await classes.IsActiveTeacherAsync(teacher, cancellationToken))
            {
                return Refuse($"{teacher} is not an active teacher: pick co-teachers from GET /api/classroom/teachers?school=….");
            }

            if (coTeacher is null && !string.IsNullOrWhiteSpace(classroom.CoTeacher))
            {
                coTeacher = (await users.FindByUserNameAsync(classroom.CoTeacher, cancellationToken))?.Id;
                if (coTeacher is null)
                {
                    return Refuse($"No user '{classroom.CoTeacher}' to be co-teacher of {name}.");
                }
            }

            session.Endpoints.Add(new SessionEndpoint
            {
                Id = Guid.NewGuid(), SessionId = session.Id, Name = name, CoTeacherId = coTeacher, ClassId = classroom.ClassId, Position = position++,
            });
        }

        foreach (var invitee in request.Invitees ?? [])
        {
            if (invitee.Role is null || !InviteeRoles.TryGetValue(invitee.Role, out var role))
            {
                return Refuse($"invitee roles: {string.Join(", ", InviteeRoles.Keys)}.");
            }

            var found = await users.FindByUserNameAsync(invitee.UserName ?? "", cancellationToken);
            if (found is null)
            {
                return Refuse($"No user '{invitee.UserName}' to invite.");
            }

            if (found.Id != session.HostId && session.Invitees.All(i => i.UserId != found.Id))
            {
                session.Invitees.Add(new SessionInvitee { SessionId = session.Id, UserId = found.Id, Role = role });
            }
        }

        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return new ScheduledSession(session, null, false);
    }

    private static ScheduledSession Refuse(string reason) => new(null, reason, false);

    private static ScheduledSession NotFound(string reason) => new(null, reason, true);
}
