using System.Security.Claims;
using Media.Catalog.Search;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Media.Catalog.Assignments;

/// <summary>Lessons given to classes to watch (<see cref="ClassAssignments"/>): giving, taking back, and a student's list.</summary>
internal static class ClassAssignmentEndpoints
{
    public static IEndpointRouteBuilder MapClassAssignmentEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/lessons/{id:guid}/class-assignments", AssignAsync).WithTags("Catalog").RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Give a published lesson to classes of your school (region; any, for administrators) to watch, with an optional due date and note; again replaces them");
        routes.MapGet("/api/lessons/{id:guid}/class-assignments", ProgressAsync).WithTags("Catalog").RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("The classes you gave the lesson to, each student's progress on it (watched share, where they stopped, finished) and when they last watched");
        routes.MapDelete("/api/class-assignments/{id:guid}", WithdrawAsync).WithTags("Catalog").RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Take back an assignment you gave");
        routes.MapGet("/api/me/assigned-lessons", MineAsync).WithTags("Catalog").RequireAuthorization()
            .WithSummary("The lessons your class was given to watch, newest first, with due date, note and who gave them (at most take, 1–30, default 10)");
        return routes;
    }

    internal static async Task<Results<Created<List<ClassAssignmentDto>>, ProblemHttpResult>> AssignAsync(
        Guid id, ClassAssignmentRequest request, ClaimsPrincipal user, ClassAssignments assignments, CancellationToken cancellationToken)
    {
        var outcome = await assignments.AssignAsync(user, id, request.ClassIds ?? [], request.DueAt, request.Note, cancellationToken);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/lessons/{id}/class-assignments", outcome.Value!.Select(ClassAssignmentDto.Of).ToList())
            : Problems.For(outcome);
    }

    internal static async Task<Ok<List<AssignmentProgressDto>>> ProgressAsync(Guid id, ClaimsPrincipal user, ClassAssignments assignments, CancellationToken cancellationToken) =>
        TypedResults.Ok((await assignments.ProgressAsync(user, id, cancellationToken)).ConvertAll(a => new AssignmentProgressDto(
            ClassAssignmentDto.Of(a.Assignment), a.ClassName, a.Students.Count, a.Students.Count(s => s.Watched?.Completed == true),
            a.Students.ConvertAll(s => new StudentProgressDto(s.Student.Id, s.Student.DisplayName, s.Watched is not null, s.Watched?.Completed == true,
                s.Watched is { DurationSeconds: > 0 } w ? Math.Round(Math.Min(1, w.PositionSeconds / w.DurationSeconds), 2) : 0, s.Watched?.LastWatchedAt)))));

    internal static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(Guid id, ClaimsPrincipal user, ClassAssignments assignments, CancellationToken cancellationToken)
    {
        var outcome = await assignments.WithdrawAsync(user, id, cancellationToken);
        return outcome.Succeeded ? TypedResults.NoContent() : Problems.For(outcome);
    }

    internal static async Task<Ok<List<AssignedLessonDto>>> MineAsync(int? take, ClaimsPrincipal user, ClassAssignments assignments, CancellationToken cancellationToken) =>
        TypedResults.Ok((await assignments.ForCallerAsync(user, Math.Clamp(take ?? 10, 1, 30), cancellationToken))
            .Select(a => new AssignedLessonDto(ClassAssignmentDto.Of(a.Assignment), SearchItemDto.Of(LessonIndexer.ToDocument(a.Lesson)), a.AssignedByName)).ToList());
}

internal sealed record ClassAssignmentRequest(List<Guid>? ClassIds, DateTimeOffset? DueAt, string? Note);

internal sealed record ClassAssignmentDto(Guid Id, Guid LessonId, Guid ClassId, Guid AssignedBy, DateTimeOffset AssignedAt, DateTimeOffset? DueAt, string? Note)
{
    public static ClassAssignmentDto Of(ClassAssignment a) => new(a.Id, a.LessonId, a.ClassId, a.AssignedBy, a.AssignedAt, a.DueAt, a.Note);
}

internal sealed record AssignedLessonDto(ClassAssignmentDto Assignment, SearchItemDto Lesson, string? AssignedBy);

internal sealed record AssignmentProgressDto(ClassAssignmentDto Assignment, string ClassName, int Students, int Completed, List<StudentProgressDto> Progress);

/// <summary>One student's progress; <c>Position</c> is where they stopped as a share of the lesson (0–1).</summary>
internal sealed record StudentProgressDto(Guid StudentId, string Name, bool Started, bool Completed, double Position, DateTimeOffset? LastWatchedAt);
