using Media.Platform.Events;
using System.Security.Claims;
using Media.Catalog.Search;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Lessons;

internal static class LessonEndpoints
{
    public static IEndpointRouteBuilder MapLessonEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/lessons").WithTags("Lessons").RequireAuthorization();
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A lesson: title, status (draft|processing|published|failed), taxonomy, media facts");
        group.MapPatch("/{id:guid}", PatchAsync).WithSummary("Edit a lesson's title, description, taxonomy names, teacher, school, region, year and tags (its teacher or an administrator; award level: administrators)");
        return routes;
    }

    internal static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, LessonVisibility visibility, CancellationToken cancellationToken) =>
        await visibility.FindAsync(id, user, cancellationToken) is { } lesson ? TypedResults.Ok(LessonDto.Of(lesson)) : Problems.NotFound($"No lesson {id}.");

    internal static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> PatchAsync(
        Guid id, LessonPatch patch, ClaimsPrincipal user, CatalogDbContext db, LessonIndexer indexer, DomainEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        var isAdmin = user.IsInRole(Roles.Admin);
        if (lesson is null || (lesson.OwnerId != user.UserId() && !isAdmin))
        {
            return Problems.NotFound($"No lesson {id} of yours.");
        }

        if (patch.AwardLevel is not null && !isAdmin)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Award levels are set by review campaigns and administrators.");
        }

        if (patch.Title is { } title && (string.IsNullOrWhiteSpace(title) || title.Length > 300))
        {
            return Problems.Validation("title must be 1–300 characters.");
        }

        var texts = new[] { patch.Stage, patch.Grade, patch.Subject, patch.Edition, patch.Volume, patch.Unit, patch.Lesson, patch.Teacher, patch.TeacherTitle, patch.School, patch.Region, patch.AwardLevel };
        if (texts.Any(t => t?.Length > 200) || patch.Description?.Length > 4000 || patch.Tags?.Count > 20 || patch.Tags?.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 40) == true)
        {
            return Problems.Validation("names are limited to 200 characters, the description to 4000, and tags to 20 of 1–40 characters.");
        }

        if (patch.Year is < 1990 or > 2100)
        {
            return Problems.Validation("year must lie between 1990 and 2100.");
        }

        // Absent fields stay as they are; an empty string clears one.
        static string? Set(string? current, string? value) => value is null ? current : value.Trim() is { Length: > 0 } v ? v : null;
        var before = LessonDetails.Of(lesson, lesson.UpdatedAt);
        lesson.Title = Set(lesson.Title, patch.Title)!;
        lesson.TitleFromFileName &= patch.Title is null;
        lesson.Description = Set(lesson.Description, patch.Description);
        lesson.Stage = Set(lesson.Stage, patch.Stage);
        lesson.Grade = Set(lesson.Grade, patch.Grade);
        lesson.Subject = Set(lesson.Subject, patch.Subject);
        lesson.Edition = Set(lesson.Edition, patch.Edition);
        lesson.Volume = Set(lesson.Volume, patch.Volume);
        lesson.Unit = Set(lesson.Unit, patch.Unit);
        lesson.LessonName = Set(lesson.LessonName, patch.Lesson);
        lesson.Teacher = Set(lesson.Teacher, patch.Teacher);
        lesson.TeacherTitle = Set(lesson.TeacherTitle, patch.TeacherTitle);
        lesson.School = Set(lesson.School, patch.School);
        lesson.Region = Set(lesson.Region, patch.Region);
        lesson.AwardLevel = Set(lesson.AwardLevel, patch.AwardLevel);
        lesson.Year = patch.Year ?? lesson.Year;
        lesson.Tags = patch.Tags?.Select(t => t.Trim()).Distinct().ToList() ?? lesson.Tags;
        lesson.UpdatedAt = time.GetUtcNow();
        LessonDetails.PublishIfChanged(events, db, before, lesson, lesson.UpdatedAt);
        await db.SaveChangesAsync(cancellationToken);
        await indexer.RefreshAsync(id, cancellationToken);
        return TypedResults.Ok(LessonDto.Of(lesson));
    }
}

/// <summary>Fields to change; absent (null) fields stay as they are, an empty string clears a field.</summary>
internal sealed record LessonPatch(
    string? Title = null,
    string? Description = null,
    string? Stage = null,
    string? Grade = null,
    string? Subject = null,
    string? Edition = null,
    string? Volume = null,
    string? Unit = null,
    string? Lesson = null,
    string? Teacher = null,
    string? TeacherTitle = null,
    string? School = null,
    string? Region = null,
    int? Year = null,
    string? AwardLevel = null,
    List<string>? Tags = null);

internal sealed record LessonDto(
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
    DateTimeOffset CreatedAt,
    string? AwardLevel,
    IReadOnlyList<string> Tags,
    Guid? TaxonomyNodeId,
    DateTimeOffset? PublishedAt,
    int Views,
    int Downloads,
    double AverageRating,
    int RatingCount,
    Media.Transcoding.Contracts.TitleCard? TitleCard,
    bool HasVideo)
{
    internal static LessonDto Of(Lesson l) => new(
        l.Id, l.Title, l.Status.ToString().ToLowerInvariant(), l.OwnerId, l.Stage, l.Grade, l.Subject, l.Edition, l.Volume, l.Unit,
        l.LessonName, l.Teacher, l.TeacherTitle, l.School, l.Region, l.Year, l.Description, l.DurationSeconds, l.Width, l.Height,
        l.SizeBytes, l.Sha256, l.ProcessingError, l.ParentLessonId, l.ClipStartSeconds, l.ClipEndSeconds, l.CreatedAt,
        l.AwardLevel, l.Tags, l.TaxonomyNodeId, l.PublishedAt, l.Views, l.Downloads, l.AverageRating, l.RatingCount, l.TitleCard, l.HasVideo);
}
