using System.Security.Claims;
using Hangfire;
using Media.Classroom.Live;
using Media.Classroom.Media;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Media.Classroom.Data;
using Media.Streaming.Contracts;

namespace Media.Classroom.Sessions;

/// <summary>Scheduling live sessions, their join links, ending them, attendance, and research comments on lessons.</summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/classroom/sessions").WithTags("Classroom").RequireAuthorization();
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Schedule a session (kind synchronous-class | broadcast | teaching-research) with its classrooms and invitees; the caller hosts it");
        group.MapGet("/", ListAsync).WithSummary("Sessions the caller hosts, teaches in or is invited to, and broadcasts open to all");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A session with its classrooms, join link and the caller's role");
        group.MapPost("/{id:guid}/end", EndAsync).WithSummary("End the session (its host): everyone in it is told and the room closes");
        routes.MapGet("/api/classroom/classes", ClassesAsync).WithTags("Classroom").RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Classes to pick for a session's classrooms: active classes in the caller's province whose school, grade or class name holds every word of q (at most 50)");
        routes.MapGet("/api/classroom/teachers", TeachersAsync).WithTags("Classroom").RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("A school's active teachers, to pick as co-teacher (双师) of its classroom");
        group.MapGet("/{id:guid}/attendance", AttendanceAsync).WithSummary("Who joined, from which classroom, and when they left (its host)");
        routes.MapGet("/api/lessons/{lessonId:guid}/research-comments", CommentsAsync).WithTags("Classroom").RequireAuthorization()
            .WithSummary("Teaching-research comments on a lesson, in timeline order (markers for the player)");
        return routes;
    }

    internal static async Task<Results<Created<SessionDto>, ProblemHttpResult>> CreateAsync(
        NewSession request, ClaimsPrincipal user, SessionScheduler scheduler, CancellationToken cancellationToken)
    {
        var scheduled = await scheduler.ScheduleAsync(request, user, cancellationToken);
        return scheduled.Session is { } session
            ? TypedResults.Created($"/api/classroom/sessions/{session.Id}", SessionDto.Of(session, ParticipantRole.Host))
            : scheduled.NotFound ? Problems.NotFound(scheduled.Refusal!) : Problems.Validation(scheduled.Refusal!);
    }

    internal static async Task<Ok<IReadOnlyList<ClassChoice>>> ClassesAsync(string? q, ClaimsPrincipal user, ClassDirectory classes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await classes.ClassesAsync(user.OrganisationId(), q, cancellationToken));

    internal static async Task<Results<Ok<IReadOnlyList<TeacherChoice>>, ProblemHttpResult>> TeachersAsync(
        Guid? school, ClassDirectory classes, CancellationToken cancellationToken) =>
        school is { } id ? TypedResults.Ok(await classes.TeachersAsync(id, cancellationToken)) : Problems.Validation("school (an organisation id) is required.");

    internal static async Task<Ok<List<SessionDto>>> ListAsync(ClaimsPrincipal user, ClassroomDbContext db, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var myClass = user.OrganisationId();
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Endpoints).Include(s => s.Invitees).AsSplitQuery()
            .Where(s => s.HostId == me || s.Kind == SessionKind.Broadcast || s.Endpoints.Any(e => e.CoTeacherId == me || (myClass != null && e.ClassId == myClass))
                || s.Invitees.Any(i => i.UserId == me))
            .OrderByDescending(s => s.StartsAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(sessions.Select(s => SessionDto.Of(s, SessionAccess.RoleOf(s, me, myClass, false)!.Value)).ToList());
    }

    internal static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, ClassroomDbContext db, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(db, id, cancellationToken);
        var role = session is null ? null : SessionAccess.RoleOf(session, user.UserId()!.Value, user.OrganisationId(), user.IsInRole(Roles.Admin));
        return role is null ? Problems.NotFound($"No session {id} for you.") : TypedResults.Ok(SessionDto.Of(session!, role.Value));
    }

    internal static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> EndAsync(
        Guid id, ClaimsPrincipal user, ClassroomDbContext db, SessionEnding ending, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(db, id, cancellationToken, tracking: true);
        if (session is null || (session.HostId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No session {id} of yours.");
        }

        await ending.EndAsync(session, cancellationToken);
        return TypedResults.Ok(SessionDto.Of(session, ParticipantRole.Host));
    }

    internal static async Task<Results<Ok<List<AttendanceDto>>, ProblemHttpResult>> AttendanceAsync(
        Guid id, ClaimsPrincipal user, ClassroomDbContext db, UserDirectory users, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null || (session.HostId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No session {id} of yours.");
        }

        var rows = await db.Attendance.AsNoTracking().Where(a => a.SessionId == id).OrderBy(a => a.JoinedAt).ToListAsync(cancellationToken);
        var names = new Dictionary<Guid, string>();
        foreach (var userId in rows.Select(r => r.UserId).Distinct())
        {
            names[userId] = (await users.FindAsync(userId, cancellationToken))?.DisplayName ?? "?";
        }

        return TypedResults.Ok(rows.Select(r => new AttendanceDto(r.UserId, names[r.UserId], r.Role, r.EndpointId, r.JoinedAt, r.LeftAt)).ToList());
    }

    internal static async Task<Results<Ok<List<CommentDto>>, ProblemHttpResult>> CommentsAsync(
        Guid lessonId, ClaimsPrincipal user, ClassroomDbContext db, ILessonViewers viewers, CancellationToken cancellationToken)
    {
        if (!await viewers.MayWatchAsync(lessonId, user, cancellationToken))
        {
            return Problems.NotFound($"No published lesson {lessonId} that you may watch.");
        }

        var comments = await db.Comments.AsNoTracking().Where(c => c.LessonId == lessonId).OrderBy(c => c.AtSeconds).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(comments.Select(CommentDto.Of).ToList());
    }

    private static Task<LiveSession?> LoadAsync(ClassroomDbContext db, Guid id, CancellationToken cancellationToken, bool tracking = false)
    {
        var query = db.Sessions.Include(s => s.Endpoints).Include(s => s.Invitees).AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }
}

internal sealed record NewSession(
    string? Title,
    string? Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Guid? LessonId,
    List<NewClassroom>? Classrooms,
    List<NewInvitee>? Invitees,
    bool? Recording);

/// <param name="Name">The classroom, e.g. 青岛市实验小学 三年级(2)班; defaults to the class's name when <paramref name="ClassId"/> is given.</param>
/// <param name="CoTeacher">The user name of its co-teacher (双师), if any (or <paramref name="CoTeacherId"/>, picked from the school's teachers).</param>
/// <param name="ClassId">The roster class in this classroom (from <c>GET /api/classroom/classes</c>): its students may join.</param>
/// <param name="CoTeacherId">The co-teacher's id (from <c>GET /api/classroom/teachers</c>).</param>
internal sealed record NewClassroom(string? Name, string? CoTeacher, Guid? ClassId = null, Guid? CoTeacherId = null);

internal sealed record NewInvitee(string? UserName, string? Role);

internal sealed record ClassroomDto(Guid Id, string Name, Guid? CoTeacherId, Guid? ClassId);

internal sealed record SessionDto(
    Guid Id, string Title, string Kind, string Status, Guid HostId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? LessonId,
    bool Recording, List<ClassroomDto> Classrooms, ParticipantRole YourRole, string JoinUrl, Guid? RecordingUploadId = null, string? RecordingError = null,
    DateTimeOffset? RecordingFinishedAt = null)
{
    internal static SessionDto Of(LiveSession s, ParticipantRole role) => new(
        s.Id, s.Title, s.Kind switch { SessionKind.Broadcast => "broadcast", SessionKind.TeachingResearch => "teaching-research", _ => "synchronous-class" },
        s.Status.ToString().ToLowerInvariant(), s.HostId, s.StartsAt, s.EndsAt, s.LessonId, s.Recording,
        s.Endpoints.OrderBy(e => e.Position).Select(e => new ClassroomDto(e.Id, e.Name, e.CoTeacherId, e.ClassId)).ToList(), role, $"/classroom/{s.Id}",
        s.RecordingUploadId, s.RecordingError, s.RecordingFinishedAt);
}

internal sealed record AttendanceDto(Guid UserId, string Name, ParticipantRole Role, Guid? ClassroomId, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);
