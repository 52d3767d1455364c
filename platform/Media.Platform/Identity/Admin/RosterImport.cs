using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Media.Platform.Identity.Admin;

/// <summary>
/// Takes a school roster into people and classes, idempotent by the roster id (教职工号 / 学籍号): a person seen before is
/// updated, a new one created (user name = the roster id unless 用户名 says otherwise, with a generated password), and a
/// roster-managed person of a school in the file who is no longer in it is deactivated. Schools must already exist in the
/// caller's region (found by 学校标识码, else by name); grades and classes are created under them as needed. A preview
/// changes nothing and lists every row's problem with its line. A file is applied whole or not at all: a fatal problem
/// (unreadable file, missing headers, one roster id twice) or any row with a problem applies nothing, so that a school
/// fixes its file and sends it again instead of hunting for the half that went in. Everything applied is one save, audited.
/// </summary>
public sealed class RosterImport(IdentityDbContext db, UserDirectory directory, AdminAudit audit, TimeProvider time)
{
    private static readonly Dictionary<string, string> RoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["教师"] = Roles.Teacher, ["老师"] = Roles.Teacher, ["teacher"] = Roles.Teacher,
        ["学生"] = Roles.Student, ["student"] = Roles.Student,
        ["评审"] = Roles.Reviewer, ["评审专家"] = Roles.Reviewer, ["专家"] = Roles.Reviewer, ["reviewer"] = Roles.Reviewer,
        ["学校管理员"] = Roles.SchoolAdmin, ["school-admin"] = Roles.SchoolAdmin,
    };

    public async Task<RosterReport> RunAsync(ClaimsPrincipal actor, Stream content, bool isExcel, bool apply, CancellationToken cancellationToken)
    {
        var (rows, fatal) = RosterFile.Read(content, isExcel);
        if (fatal is not null)
        {
            return RosterReport.Failed(fatal.Value.Code, fatal.Value.Message, []);
        }

        var twice = rows.GroupBy(ExternalIdOf).Where(g => g.Key is not null && g.Count() > 1).ToList();
        if (twice.Count > 0)
        {
            return RosterReport.Failed(RosterProblems.IdTwice,
                "A roster id appears more than once: " + string.Join("; ", twice.Take(20).Select(g => $"{g.Key} (lines {string.Join(", ", g.Select(r => r.Line))})")),
                twice.SelectMany(g => g.Select(r => new RosterError(r.Line, RosterProblems.IdTwice, g.Key, $"The roster id {g.Key} appears more than once."))).OrderBy(e => e.Line).ToList());
        }

        var schools = new SchoolFinder(db, directory, actor);
        var classes = new ClassPlaces(db);
        // Everything the rows need from the database is read in chunks up front, not a query per row (a province's file has 10⁵ rows).
        var known = (await InChunksAsync(rows.Select(ExternalIdOf).OfType<string>().ToList(),
            ids => db.Users.Include(u => u.Roles).Include(u => u.Memberships).Where(u => ids.Contains(u.ExternalId!)), cancellationToken)).ToDictionary(u => u.ExternalId!);
        var wantedNames = rows.Where(r => ExternalIdOf(r) is { } id && !known.ContainsKey(id)).Select(r => r[RosterColumns.UserName] ?? ExternalIdOf(r)!).Distinct().ToList();
        var takenInDatabase = (await InChunksAsync(wantedNames, names => db.Users.AsNoTracking().Where(u => names.Contains(u.UserName)).Select(u => u.UserName), cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var lines = new List<RosterLine>();
        var errors = new List<RosterError>();
        var schoolsInFile = new HashSet<Guid>();
        var seen = new HashSet<Guid>();
        var takenNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var externalId = ExternalIdOf(row);
            var name = row[RosterColumns.Name];
            var role = row[RosterColumns.Role] is { } roleText ? RoleNames.GetValueOrDefault(roleText) : row[RosterColumns.StudentId] is not null ? Roles.Student : Roles.Teacher;
            if (externalId is null || name is null || name.Length > 200 || externalId.Length > 50)
            {
                errors.Add(new RosterError(row.Line, RosterProblems.NameOrIdMissing, null, "姓名 and 教职工号/学籍号 are required (at most 200 and 50 characters)."));
                continue;
            }

            if (role is null)
            {
                errors.Add(new RosterError(row.Line, RosterProblems.UnknownRole, row[RosterColumns.Role],
                    $"角色 '{row[RosterColumns.Role]}' is not one of: {string.Join(", ", RoleNames.Keys.Where(k => k.Any(c => c > 127)))}."));
                continue;
            }

            var school = await schools.FindAsync(row[RosterColumns.SchoolCode], row[RosterColumns.SchoolName], cancellationToken);
            if (school.Problem is not null)
            {
                errors.Add(school.Problem with { Line = row.Line });
                continue;
            }

            schoolsInFile.Add(school.Id);
            var memberships = await MembershipsAsync(row, role, school.Id, classes, cancellationToken);
            if (memberships.Problem is not null)
            {
                errors.Add(memberships.Problem with { Line = row.Line });
                continue;
            }

            var organisation = role == Roles.Student && memberships.Wanted.Count > 0 ? memberships.Wanted[0].OrganisationId : school.Id;
            var title = row[RosterColumns.Title] is { Length: <= 50 } t ? t : null;
            if (known.TryGetValue(externalId, out var user))
            {
                seen.Add(user.Id);
                var roles = user.Roles.Select(r => r.Role).ToHashSet();
                var changed = user.DisplayName != name || user.OrganisationId != organisation || user.Title != title || !roles.Contains(role) || user.DeactivatedAt is not null
                    || !MembershipSet.SameAs(user.Memberships, memberships.Wanted, memberships.Replaces);
                if (changed && apply)
                {
                    Update(user, name, organisation, title, role);
                    MembershipSet.Replace(db, user, memberships.Wanted, memberships.Replaces);
                }

                lines.Add(new RosterLine(row.Line, changed ? RosterActions.Changed : RosterActions.Unchanged, user.UserName, name, externalId, null));
                continue;
            }

            var userName = row[RosterColumns.UserName] ?? externalId;
            if (takenInDatabase.Contains(userName) || !takenNames.Add(userName))
            {
                errors.Add(new RosterError(row.Line, RosterProblems.UserNameTaken, userName, $"The user name '{userName}' is already taken by another account; give this person a 用户名."));
                continue;
            }

            var password = PasswordPolicy.Generate();
            if (apply)
            {
                var created = Create(userName, name, organisation, title, role, externalId, password);
                MembershipSet.Replace(db, created, memberships.Wanted, memberships.Replaces);
            }

            lines.Add(new RosterLine(row.Line, RosterActions.Created, userName, name, externalId, apply ? password : null));
        }

        // Roster-managed people of the schools in this file who are no longer in it leave (deactivated, never deleted).
        var places = new HashSet<Guid>();
        foreach (var school in schoolsInFile)
        {
            places.UnionWith(await directory.SubtreeAsync(school, cancellationToken));
        }

        var leaving = (await InChunksAsync(places.ToList(),
                ids => db.Users.Where(u => u.ExternalId != null && u.DeactivatedAt == null && ids.Contains(u.OrganisationId!.Value)), cancellationToken))
            .Where(u => !seen.Contains(u.Id)).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        lines.AddRange(leaving.Select(user => new RosterLine(0, RosterActions.Deactivated, user.UserName, user.DisplayName, user.ExternalId!, null)));

        if (apply && errors.Count > 0)
        {
            return RosterReport.Failed(RosterProblems.RowErrors, $"{errors.Count} rows have problems; nothing was imported. Fix them and send the file again.", errors);
        }

        if (apply)
        {
            foreach (var user in leaving)
            {
                user.DeactivatedAt = time.GetUtcNow();
                user.SecurityStamp = UserDirectory.NewStamp();
            }

            var counts = RosterReport.Of(lines, errors, applied: true);
            audit.Add(actor, "roster.imported", "roster", $"{counts.Created} created, {counts.Changed} changed, {counts.Deactivated} deactivated, {errors.Count} rows refused");
            await db.SaveChangesAsync(cancellationToken);
            foreach (var user in leaving.Concat(known.Values.Where(u => seen.Contains(u.Id))))
            {
                directory.ForgetSessions(user.Id);
            }

            return counts;
        }

        return RosterReport.Of(lines, errors, applied: false);
    }

    private void Update(User user, string name, Guid organisation, string? title, string role)
    {
        var vouchedForChanged = user.OrganisationId != organisation || user.Roles.All(r => r.Role != role) || user.DeactivatedAt is not null;
        user.DisplayName = name;
        user.OrganisationId = organisation;
        user.Title = title;
        user.DeactivatedAt = null;
        if (user.Roles.All(r => r.Role != role))
        {
            db.UserRoles.Add(new UserRole { UserId = user.Id, Role = role });
        }

        if (vouchedForChanged)
        {
            user.SecurityStamp = UserDirectory.NewStamp();
        }
    }

    private User Create(string userName, string name, Guid organisation, string? title, string role, string externalId, string password)
    {
        var user = UserDirectory.NewAccount(new NewUser(userName, password, [role], name, organisation, externalId, title, PasswordIsGenerated: true), time.GetUtcNow());
        db.Users.Add(user);
        return user;
    }

    private static readonly Dictionary<string, string> LevelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["校级"] = "school", ["县级"] = "county", ["区县级"] = "county", ["市级"] = "city", ["省级"] = "province", ["部级"] = "ministry",
        ["school"] = "school", ["county"] = "county", ["city"] = "city", ["province"] = "province", ["ministry"] = "ministry",
    };

    private static readonly char[] ListSeparators = ['、', '；', ';', '，', '/'];

    private static List<string?> ListOf(string? text) =>
        text is null ? [null] : [.. text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Cast<string?>()];

    /// <summary>
    /// What the row says the person does: a teacher teaches each listed subject in each listed class (班级 may list
    /// several, 八年级(1)班、八年级(2)班; without one, at the school); a student studies in the class for the 学年 given
    /// (the current one by default); a reviewer reviews each listed subject at each 评审级别.
    /// </summary>
    private async Task<(List<Membership> Wanted, MembershipScope Replaces, RosterError? Problem)> MembershipsAsync(
        RosterRow row, string role, Guid school, ClassPlaces classes, CancellationToken cancellationToken)
    {
        var subjects = ListOf(row[RosterColumns.Subject]);
        if (subjects.Any(s => s?.Length > 50))
        {
            return ([], MembershipScope.None, new RosterError(0, RosterProblems.SubjectTooLong, row[RosterColumns.Subject], "A 学科 has at most 50 characters."));
        }

        switch (role)
        {
            case Roles.Student:
            {
                var year = MembershipKinds.SchoolYearOf(time.GetUtcNow());
                if (row[RosterColumns.SchoolYear] is { } yearText && !TryParseSchoolYear(yearText, out year))
                {
                    return ([], MembershipScope.None, new RosterError(0, RosterProblems.BadSchoolYear, yearText, $"学年 '{yearText}' is not a school year such as 2026 or 2026-2027."));
                }

                var place = row[RosterColumns.Class] is { } className ? await classes.ClassAsync(school, row[RosterColumns.Grade], className, cancellationToken) : school;
                return ([new Membership { OrganisationId = place, Kind = MembershipKinds.Studies, SchoolYear = year }], MembershipScope.StudiesIn(year), null);
            }

            case Roles.Teacher:
            {
                var places = new List<Guid>();
                foreach (var className in ListOf(row[RosterColumns.Class]))
                {
                    places.Add(className is null ? school : await classes.ClassAsync(school, row[RosterColumns.Grade], className, cancellationToken));
                }

                return ([.. places.SelectMany(place => subjects.Select(subject => new Membership { OrganisationId = place, Kind = MembershipKinds.Teaches, Subject = subject }))],
                    MembershipScope.Of(MembershipKinds.Teaches), null);
            }

            case Roles.Reviewer:
            {
                var levels = new List<string?>();
                foreach (var levelText in ListOf(row[RosterColumns.Level]))
                {
                    if (levelText is not null && !LevelNames.ContainsKey(levelText))
                    {
                        return ([], MembershipScope.None, new RosterError(0, RosterProblems.UnknownLevel, levelText, $"评审级别 '{levelText}' is not one of 校级, 县级, 市级, 省级, 部级."));
                    }

                    levels.Add(levelText is null ? null : LevelNames[levelText]);
                }

                return ([.. levels.SelectMany(level => subjects.Select(subject => new Membership { OrganisationId = school, Kind = MembershipKinds.Reviews, Subject = subject, Level = level }))],
                    MembershipScope.Of(MembershipKinds.Reviews), null);
            }

            default:
                return ([], MembershipScope.None, null);
        }
    }

    /// <summary>2026, 2026-2027, 2026–2027, 2026学年: the year the school year starts.</summary>
    private static bool TryParseSchoolYear(string text, out int year)
    {
        var digits = new string(text.Trim().TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year) && digits.Length == 4 && year is >= 2000 and <= 2100;
    }

    private const int ChunkSize = 1_000;

    /// <summary>One query per thousand keys, whatever the provider's limit on parameters.</summary>
    private static async Task<List<T>> InChunksAsync<TKey, T>(List<TKey> keys, Func<List<TKey>, IQueryable<T>> query, CancellationToken cancellationToken)
    {
        var found = new List<T>();
        foreach (var chunk in keys.Chunk(ChunkSize))
        {
            found.AddRange(await query([.. chunk]).ToListAsync(cancellationToken));
        }

        return found;
    }

    private static string? ExternalIdOf(RosterRow row) => row[RosterColumns.StaffId] ?? row[RosterColumns.StudentId];

    /// <summary>Schools by code or name, only inside the caller's region; remembered for the file.</summary>
    private sealed class SchoolFinder(IdentityDbContext db, UserDirectory directory, ClaimsPrincipal actor)
    {
        private readonly Dictionary<string, (Guid Id, RosterError? Problem)> _found = [];

        /// <summary>The school, or the problem (its line left 0 for the caller).</summary>
        public async Task<(Guid Id, RosterError? Problem)> FindAsync(string? code, string? name, CancellationToken cancellationToken)
        {
            var key = code is not null ? "code:" + code : "name:" + name;
            if (_found.TryGetValue(key, out var known))
            {
                return known;
            }

            var candidates = await db.Organisations.AsNoTracking()
                .Where(o => o.Kind == OrganisationKind.School && (code != null ? o.Code == code : o.Name == name)).ToListAsync(cancellationToken);
            var inScope = new List<Organisation>();
            foreach (var candidate in candidates)
            {
                if (actor.IsInRole(Roles.Admin) || (actor.OrganisationId() is { } root && (await directory.GetLineageAsync(candidate.Id, cancellationToken)).Any(o => o.Id == root)))
                {
                    inScope.Add(candidate);
                }
            }

            var answer = inScope switch
            {
                [var one] when one.DeactivatedAt is null => (one.Id, (RosterError?)null),
                [var one] => (one.Id, new RosterError(0, RosterProblems.SchoolDeactivated, one.Name, $"{one.Name} is deactivated and takes no new members.")),
                [] => (Guid.Empty, code is not null
                    ? new RosterError(0, RosterProblems.NoSchoolCode, code, $"No school with 学校标识码 {code} in your region; add it first.")
                    : new RosterError(0, RosterProblems.NoSchoolName, name, $"No school named {name} in your region; add it first.")),
                _ => (Guid.Empty, new RosterError(0, RosterProblems.SchoolAmbiguous, name, $"Several schools in your region are named {name}; give the 学校标识码.")),
            };
            _found[key] = answer;
            return answer;
        }
    }

    /// <summary>Grades and classes under a school, created when first named (added to the same save).</summary>
    private sealed class ClassPlaces(IdentityDbContext db)
    {
        private readonly Dictionary<(Guid, string), Guid> _known = [];

        public async Task<Guid> ClassAsync(Guid school, string? grade, string className, CancellationToken cancellationToken)
        {
            var parent = grade is null ? school : await ChildAsync(school, grade, OrganisationKind.Grade, cancellationToken);
            return await ChildAsync(parent, className, OrganisationKind.Class, cancellationToken);
        }

        private async Task<Guid> ChildAsync(Guid parent, string name, OrganisationKind kind, CancellationToken cancellationToken)
        {
            if (_known.TryGetValue((parent, name), out var id))
            {
                return id;
            }

            var existing = await db.Organisations.AsNoTracking().Where(o => o.ParentId == parent && o.Name == name).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                var organisation = new Organisation { Id = Guid.CreateVersion7(), Name = name, Kind = kind, ParentId = parent };
                db.Organisations.Add(organisation);
                existing = organisation.Id;
            }

            _known[(parent, name)] = existing.Value;
            return existing.Value;
        }
    }
}

public static class RosterActions
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Unchanged = "unchanged";
    public const string Deactivated = "deactivated";
}

/// <summary>One person's outcome; line 0 for people deactivated because the file no longer lists them.</summary>
public sealed record RosterLine(int Line, string Action, string UserName, string DisplayName, string ExternalId, string? InitialPassword);

/// <summary>A problem with one line: <see cref="Code"/> (one of <see cref="RosterProblems"/>) and the value it is about let a page say it in its language; the message is English.</summary>
public sealed record RosterError(int Line, string Code, string? Value, string Message);

/// <summary>The problems a roster can have, as the API names them.</summary>
public static class RosterProblems
{
    public const string Unreadable = "unreadable";
    public const string TooManyRows = "too-many-rows";
    public const string Empty = "empty";
    public const string Headers = "headers";
    public const string IdTwice = "id-twice";
    public const string RowErrors = "row-errors";
    public const string NameOrIdMissing = "name-or-id-missing";
    public const string UnknownRole = "unknown-role";
    public const string NoSchoolCode = "no-school-code";
    public const string NoSchoolName = "no-school-name";
    public const string SchoolDeactivated = "school-deactivated";
    public const string SchoolAmbiguous = "school-ambiguous";
    public const string UserNameTaken = "user-name-taken";
    public const string SubjectTooLong = "subject-too-long";
    public const string BadSchoolYear = "bad-school-year";
    public const string UnknownLevel = "unknown-level";
}

/// <summary>
/// What a preview would do or an apply did; <see cref="Fatal"/> set (with <see cref="FatalCode"/>, one of
/// <see cref="RosterProblems"/>) means nothing was applied, and <see cref="Errors"/> then lists the lines at fault.
/// </summary>
public sealed record RosterReport(bool Applied, string? Fatal, int Created, int Changed, int Unchanged, int Deactivated, List<RosterError> Errors, List<RosterLine> People)
{
    public string? FatalCode { get; init; }

    public static RosterReport Failed(string code, string fatal, List<RosterError> errors) => new(false, fatal, 0, 0, 0, 0, errors, []) { FatalCode = code };

    public static RosterReport Of(List<RosterLine> lines, List<RosterError> errors, bool applied)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new RosterReport(applied, null, Count(lines, RosterActions.Created), Count(lines, RosterActions.Changed), Count(lines, RosterActions.Unchanged),
            Count(lines, RosterActions.Deactivated), errors, lines);
    }

    private static int Count(List<RosterLine> lines, string action) => lines.Count(l => l.Action == action);
}
