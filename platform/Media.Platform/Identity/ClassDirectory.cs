using Microsoft.EntityFrameworkCore;

namespace Media.Platform.Identity;

/// <summary>A class to pick when scheduling: its id, its name as a school says it, its school and how many students it has.</summary>
public sealed record ClassChoice(Guid Id, string Name, Guid? SchoolId, string? School, int Students);

/// <summary>A student of a class: id and name.</summary>
public sealed record ClassStudent(Guid Id, string DisplayName);

/// <summary>A teacher to pick as co-teacher (双师): id, name, title (特级教师…) and school.</summary>
public sealed record TeacherChoice(Guid Id, string DisplayName, string? Title, Guid? SchoolId);

/// <summary>
/// The classes and teachers a scheduler picks from the organisation tree, so that nobody types user names or ids: classes
/// anywhere in the caller's province (a 同步课堂's remote classrooms are in other schools), teachers of a school.
/// Deactivated classes and people are left out.
/// </summary>
public sealed class ClassDirectory(IdentityDbContext db, UserDirectory users)
{
    public const int MaxChoices = 50;

    /// <summary>Active classes under the province of <paramref name="organisationId"/> whose school, grade or class name contains the words.</summary>
    public async Task<IReadOnlyList<ClassChoice>> ClassesAsync(Guid? organisationId, string? words, CancellationToken cancellationToken)
    {
        if (organisationId is not { } within || (await users.GetLineageAsync(within, cancellationToken)) is not { Count: > 0 } lineage)
        {
            return [];
        }

        var province = await users.SubtreeAsync(lineage[^1].Id, cancellationToken);
        var classes = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Class && o.DeactivatedAt == null && province.Contains(o.Id)).ToListAsync(cancellationToken);
        var wanted = (words ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var choices = new List<(Organisation Class, string Name, Organisation? School)>(classes.Count);
        foreach (var candidate in classes)
        {
            var (name, school) = await DescribeAsync(candidate.Id, cancellationToken);
            if (wanted.All(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                choices.Add((candidate, name, school));
            }
        }

        var picked = choices.OrderBy(c => c.Name, StringComparer.Ordinal).Take(MaxChoices).ToList();
        var ids = picked.ConvertAll(c => c.Class.Id);
        var students = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId != null && ids.Contains(u.OrganisationId.Value) && u.DeactivatedAt == null && u.Roles.Any(r => r.Role == Roles.Student))
            .GroupBy(u => u.OrganisationId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return picked.ConvertAll(c => new ClassChoice(c.Class.Id, c.Name, c.School?.Id, c.School?.Name, students.GetValueOrDefault(c.Class.Id)));
    }

    /// <summary>The active class with this id and its name (school, grade, class), or null (another kind of organisation, deactivated, unknown).</summary>
    public async Task<ClassChoice?> FindClassAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id && o.Kind == OrganisationKind.Class && o.DeactivatedAt == null, cancellationToken))
        {
            return null;
        }

        var (name, school) = await DescribeAsync(id, cancellationToken);
        return new ClassChoice(id, name, school?.Id, school?.Name, 0);
    }

    /// <summary>济南市历下实验中学 八年级 (1)班: the school, then grade and class as they sit under it.</summary>
    private async Task<(string Name, Organisation? School)> DescribeAsync(Guid classId, CancellationToken cancellationToken)
    {
        var path = await users.GetLineageAsync(classId, cancellationToken);
        var school = path.FirstOrDefault(o => o.Kind == OrganisationKind.School);
        var name = string.Join(' ', path.TakeWhile(o => o.Kind != OrganisationKind.School).Reverse().Select(o => o.Name).Prepend(school?.Name ?? "").Where(n => n.Length > 0));
        return (name, school);
    }

    /// <summary>Active teachers whose organisation is the school or lies under it.</summary>
    public async Task<IReadOnlyList<TeacherChoice>> TeachersAsync(Guid schoolId, CancellationToken cancellationToken)
    {
        var school = await users.SubtreeAsync(schoolId, cancellationToken);
        var teachers = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId != null && school.Contains(u.OrganisationId.Value) && u.DeactivatedAt == null && u.Roles.Any(r => r.Role == Roles.Teacher))
            .OrderBy(u => u.DisplayName).Take(500).ToListAsync(cancellationToken);
        return teachers.ConvertAll(t => new TeacherChoice(t.Id, t.DisplayName, t.Title, schoolId));
    }

    /// <summary>The active students of a class, by name.</summary>
    public async Task<IReadOnlyList<ClassStudent>> StudentsAsync(Guid classId, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == classId && u.DeactivatedAt == null && u.Roles.Any(r => r.Role == Roles.Student))
            .OrderBy(u => u.DisplayName).Take(500).ToListAsync(cancellationToken))
        .ConvertAll(u => new ClassStudent(u.Id, u.DisplayName));

    /// <summary>Whether the user is an active teacher (a co-teacher must be).</summary>
    public Task<bool> IsActiveTeacherAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && u.DeactivatedAt == null && u.Roles.Any(r => r.Role == Roles.Teacher), cancellationToken);
}
