using System.Security.Claims;
using Media.Catalog.Data;
using Media.Catalog.Lessons;
using Media.Platform.Identity;
using Media.Platform.Identity.Admin;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Assignments;

/// <summary>What a class was given to watch, as the class sees it: the assignment, the lesson, and who gave it.</summary>
internal sealed record AssignedLesson(ClassAssignment Assignment, Lesson Lesson, string? AssignedByName);

/// <summary>How far one student of the class got with the assigned lesson (null: not opened yet).</summary>
internal sealed record StudentProgress(ClassStudent Student, WatchedLesson? Watched);

/// <summary>An assignment of the lesson, its class by name, and each student's progress.</summary>
internal sealed record AssignmentProgress(ClassAssignment Assignment, string ClassName, List<StudentProgress> Students);

/// <summary>
/// Giving lessons to classes to watch: a teacher gives a published lesson they may see to classes of their own school
/// (a region administrator to classes of the region, an administrator to any), with an optional due date and note;
/// a student sees what their class was given, newest first. Giving the same lesson to a class again replaces the
/// due date and note rather than listing it twice.
/// </summary>
internal sealed class ClassAssignments(
    CatalogDbContext db, LessonVisibility visibility, ClassDirectory classes, UserDirectory users, IViewingHistory history, TimeProvider time)
{
    public const int MaxNoteLength = 200;
    public const int MaxClassesAtOnce = 30;

    public async Task<Outcome<List<ClassAssignment>>> AssignAsync(
        ClaimsPrincipal user, Guid lessonId, IReadOnlyList<Guid> classIds, DateTimeOffset? dueAt, string? note, CancellationToken cancellationToken)
    {
        if (await visibility.PublishedForAsync(lessonId, user, cancellationToken) is not { } lesson)
        {
            return Outcome.NotFound<List<ClassAssignment>>($"No published lesson {lessonId} for you.");
        }

        if (!lesson.HasVideo)
        {
            return Outcome.Invalid<List<ClassAssignment>>($"Lesson {lessonId} has no video to watch.");
        }

        var distinct = classIds.Distinct().ToList();
        if (distinct.Count is 0 or > MaxClassesAtOnce)
        {
            return Outcome.Invalid<List<ClassAssignment>>($"classIds: 1–{MaxClassesAtOnce} classes.");
        }

        var now = time.GetUtcNow();
        if (dueAt is { } due && due <= now)
        {
            return Outcome.Invalid<List<ClassAssignment>>("dueAt must lie in the future.");
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxNoteLength)
        {
            return Outcome.Invalid<List<ClassAssignment>>($"note: at most {MaxNoteLength} characters.");
        }

        // Where the caller may give lessons: everywhere (administrators), or under their own organisation.
        var within = user.IsInRole(Roles.Admin) ? null
            : user.OrganisationId() is { } root ? await users.SubtreeAsync(root, cancellationToken) : [];
        foreach (var classId in distinct)
        {
            if (await classes.FindClassAsync(classId, cancellationToken) is null)
            {
                return Outcome.Invalid<List<ClassAssignment>>($"{classId} is not an active class.");
            }

            if (within is not null && !within.Contains(classId))
            {
                return Outcome.Forbidden<List<ClassAssignment>>($"Class {classId} is not in your school or region.");
            }
        }

        var existing = await db.ClassAssignments.Where(a => a.LessonId == lessonId && distinct.Contains(a.ClassId)).ToDictionaryAsync(a => a.ClassId, cancellationToken);
        var result = new List<ClassAssignment>(distinct.Count);
        foreach (var classId in distinct)
        {
            if (!existing.TryGetValue(classId, out var assignment))
            {
                assignment = new ClassAssignment { Id = Guid.CreateVersion7(), LessonId = lessonId, ClassId = classId };
                db.ClassAssignments.Add(assignment);
            }

            assignment.AssignedBy = user.UserId()!.Value;
            assignment.AssignedAt = now;
            assignment.DueAt = dueAt;
            assignment.Note = note;
            result.Add(assignment);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(result);
    }

    /// <summary>What the caller's class (their organisation, for a student) was given, newest first; lessons since unpublished or hidden left out.</summary>
    public async Task<List<AssignedLesson>> ForCallerAsync(ClaimsPrincipal user, int take, CancellationToken cancellationToken)
    {
        if (user.OrganisationId() is not { } classId)
        {
            return [];
        }

        var assignments = await db.ClassAssignments.AsNoTracking().Where(a => a.ClassId == classId)
            .OrderByDescending(a => a.AssignedAt).Take(take * 2).ToListAsync(cancellationToken);
        var lessons = await visibility.PublishedForAsync(assignments.ConvertAll(a => a.LessonId), user, cancellationToken);
        var shown = assignments.Where(a => lessons.ContainsKey(a.LessonId)).Take(take).ToList();
        var names = new Dictionary<Guid, string?>();
        foreach (var teacher in shown.Select(a => a.AssignedBy).Distinct())
        {
            names[teacher] = (await users.FindAsync(teacher, cancellationToken))?.DisplayName;
        }

        return shown.ConvertAll(a => new AssignedLesson(a, lessons[a.LessonId], names[a.AssignedBy]));
    }

    /// <summary>
    /// Who in each class the caller gave the lesson to has watched it, how far, and who finished (an administrator sees
    /// every class's); the classes newest first, the students by name.
    /// </summary>
    public async Task<List<AssignmentProgress>> ProgressAsync(ClaimsPrincipal user, Guid lessonId, CancellationToken cancellationToken)
    {
        var me = user.UserId();
        var assignments = await db.ClassAssignments.AsNoTracking()
            .Where(a => a.LessonId == lessonId && (a.AssignedBy == me || user.IsInRole(Roles.Admin)))
            .OrderByDescending(a => a.AssignedAt).ToListAsync(cancellationToken);
        var rosters = new List<(ClassAssignment Assignment, string ClassName, IReadOnlyList<ClassStudent> Students)>(assignments.Count);
        foreach (var assignment in assignments)
        {
            var found = await classes.FindClassAsync(assignment.ClassId, cancellationToken);
            rosters.Add((assignment, found?.Name ?? "", await classes.StudentsAsync(assignment.ClassId, cancellationToken)));
        }

        // Every class's students asked of the viewing history at once.
        var watched = await history.OfLessonAsync(lessonId, rosters.SelectMany(r => r.Students.Select(s => s.Id)).ToList(), cancellationToken);
        return rosters.ConvertAll(r => new AssignmentProgress(r.Assignment, r.ClassName,
            r.Students.Select(s => new StudentProgress(s, watched.GetValueOrDefault(s.Id))).ToList()));
    }

    /// <summary>Takes an assignment back: the one who gave it, or an administrator.</summary>
    public async Task<Outcome<bool>> WithdrawAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var assignment = await db.ClassAssignments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assignment is null || (assignment.AssignedBy != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Outcome.NotFound<bool>($"No assignment {id} of yours.");
        }

        db.ClassAssignments.Remove(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(true);
    }
}
