using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Lessons;

internal static class LessonEndpoints
{
    public static IEndpointRouteBuilder MapLessonEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/lessons").WithTags("Lessons").RequireAuthorization();
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A lesson: title, status (draft|processing|published|failed), taxonomy, media facts");
        return routes;
    }

    internal static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        // Unpublished lessons are visible to their owner and administrators only.
        var visible = lesson is not null
            && (lesson.Status == LessonStatus.Published || lesson.OwnerId == user.UserId() || user.IsInRole(Roles.Admin));
        return visible ? TypedResults.Ok(LessonDto.Of(lesson!)) : Problems.NotFound($"No lesson {id}.");
    }
}

public sealed record LessonDto(
    Guid Id,
    string Title,
    string Status,
    Guid OwnerId,
    string? Stage,
    string? Grade,
    string? Subject,
    string? Edition,
    string? Volume,
    string? Unit,
    string? Lesson,
    string? Teacher,
    string? TeacherTitle,
    string? School,
    string? Region,
    int? Year,
    string? Description,
    double DurationSeconds,
    int Width,
    int Height,
    long SizeBytes,
    string Sha256,
    string? ProcessingError,
    Guid? ParentLessonId,
    double? ClipStartSeconds,
    double? ClipEndSeconds,
    DateTimeOffset CreatedAt)
{
    internal static LessonDto Of(Lesson l) => new(
        l.Id, l.Title, l.Status.ToString().ToLowerInvariant(), l.OwnerId, l.Stage, l.Grade, l.Subject, l.Edition, l.Volume, l.Unit,
        l.LessonName, l.Teacher, l.TeacherTitle, l.School, l.Region, l.Year, l.Description, l.DurationSeconds, l.Width, l.Height,
        l.SizeBytes, l.Sha256, l.ProcessingError, l.ParentLessonId, l.ClipStartSeconds, l.ClipEndSeconds, l.CreatedAt);
}
