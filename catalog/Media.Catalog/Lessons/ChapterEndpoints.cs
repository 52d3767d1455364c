using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

using Media.Catalog.Search;
using Media.Catalog.Data;

namespace Media.Catalog.Lessons;

/// <summary>Chapters of a lesson (suggested, then edited by its teacher) and clips cut from it.</summary>
internal static class ChapterEndpoints
{
    public const int MaxChapters = 200;
    public const double MinClipSeconds = 5;

    public static IEndpointRouteBuilder MapChapterEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/lessons/{id:guid}").WithTags("Lessons").RequireAuthorization();
        group.MapGet("/chapters", GetChaptersAsync).WithSummary("The lesson's chapters");
        group.MapPut("/chapters", PutChaptersAsync).WithSummary("Replace the chapters (the lesson's teacher or an administrator)");
        group.MapPost("/clips", CreateClipAsync).WithSummary("Cut a clip (知识点 segment) that becomes a lesson of its own");
        return routes;
    }

    internal static async Task<Results<Ok<List<ChapterMark>>, ProblemHttpResult>> GetChaptersAsync(
        Guid id, ClaimsPrincipal user, LessonVisibility visibility, CancellationToken cancellationToken) =>
        await visibility.FindAsync(id, user, cancellationToken) is { } lesson ? TypedResults.Ok(lesson.Chapters) : Problems.NotFound($"No lesson {id}.");

    internal static async Task<Results<Ok<List<ChapterMark>>, ProblemHttpResult>> PutChaptersAsync(
        Guid id, List<ChapterMark> chapters, ClaimsPrincipal user, CatalogDbContext db, LessonVisibility visibility, LessonIndexer indexer, TimeProvider time, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lesson is null || !await visibility.SeesAsync(lesson, user, cancellationToken))
        {
            return Problems.NotFound($"No lesson {id}.");
        }

        if (!CanEdit(lesson, user))
        {
            return Problems.Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Only the lesson's teacher can edit its chapters.");
        }

        if (Validate(chapters, lesson.DurationSeconds) is { } problem)
        {
            return Problems.Validation(problem);
        }

        lesson.Chapters = chapters.Select(c => c with { Title = c.Title.Trim(), StartSeconds = Math.Round(c.StartSeconds, 1) }).ToList();
        lesson.ChaptersEdited = true;
        lesson.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await indexer.RefreshAsync(id, cancellationToken);
        return TypedResults.Ok(lesson.Chapters);
    }

    internal static async Task<Results<Created<LessonDto>, ProblemHttpResult>> CreateClipAsync(
        Guid id, ClipRequest request, ClaimsPrincipal user, CatalogDbContext db, LessonVisibility visibility, DomainEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var parent = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (parent is null || !await visibility.SeesAsync(parent, user, cancellationToken))
        {
            return Problems.NotFound($"No lesson {id}.");
        }

        if (!CanEdit(parent, user))
        {
            return Problems.Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Only the lesson's teacher can cut clips from it.");
        }

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 200)
        {
            return Problems.Validation("A clip needs a title of 1 to 200 characters.");
        }

        if (request.StartSeconds < 0 || request.EndSeconds > parent.DurationSeconds + 0.05 || request.EndSeconds - request.StartSeconds < MinClipSeconds)
        {
            return Problems.Validation($"A clip must lie within the lesson (0–{parent.DurationSeconds:0.#} s) and last at least {MinClipSeconds} s.");
        }

        var now = time.GetUtcNow();
        var clip = new Lesson
        {
            Id = Guid.CreateVersion7(),
            Title = request.Title.Trim(),
            Status = LessonStatus.Draft,
            OwnerId = parent.OwnerId,
            OrganisationId = parent.OrganisationId,
            Stage = parent.Stage, Grade = parent.Grade, Subject = parent.Subject, Edition = parent.Edition, Volume = parent.Volume,
            Unit = parent.Unit, LessonName = parent.LessonName, Teacher = parent.Teacher, TeacherTitle = parent.TeacherTitle,
            School = parent.School, Region = parent.Region, Year = parent.Year,
            SourceBlobKey = parent.SourceBlobKey,
            Sha256 = parent.Sha256,
            DurationSeconds = Math.Round(request.EndSeconds - request.StartSeconds, 3),
            Width = parent.Width,
            Height = parent.Height,
            ParentLessonId = parent.Id,
            ClipStartSeconds = request.StartSeconds,
            ClipEndSeconds = request.EndSeconds,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Lessons.Add(clip);
        events.Publish(db, new ClipRequested(clip.Id, parent.Id, clip.OwnerId, request.StartSeconds, request.EndSeconds));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/lessons/{clip.Id}", LessonDto.Of(clip));
    }

    internal static string? Validate(IReadOnlyList<ChapterMark>? chapters, double durationSeconds)
    {
        if (chapters is null || chapters.Count == 0 || chapters.Count > MaxChapters)
        {
            return $"Send 1 to {MaxChapters} chapters.";
        }

        if (chapters[0].StartSeconds != 0)
        {
            return "The first chapter starts at 0 s.";
        }

        for (var i = 0; i < chapters.Count; i++)
        {
            var chapter = chapters[i];
            if (string.IsNullOrWhiteSpace(chapter.Title) || chapter.Title.Trim().Length > 100)
            {
                return $"Chapter {i + 1} needs a title of 1 to 100 characters.";
            }

            if (chapter.StartSeconds >= durationSeconds || (i > 0 && chapter.StartSeconds <= chapters[i - 1].StartSeconds))
            {
                return $"Chapter {i + 1} must start after the one before it and before the lesson ends ({durationSeconds:0.#} s).";
            }
        }

        return null;
    }

    private static bool CanEdit(Lesson lesson, ClaimsPrincipal user) =>
        lesson.OwnerId == user.UserId() || user.IsInRole(Roles.Admin);
}

internal sealed record ClipRequest(string Title, double StartSeconds, double EndSeconds);
