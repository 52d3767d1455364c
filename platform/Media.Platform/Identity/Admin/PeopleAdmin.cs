using System.Security.Claims;
using Media.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Media.Platform.Identity.Admin;

/// <summary>
/// Managing people and organisations: administrators everywhere; a region administrator only inside their own
/// organisation's subtree, and never granting or touching the administrator role. Every change is audited in the same
/// save. Sessions of a person whose password, roles, organisation or activity change stop working (their stamp changes).
/// </summary>
public sealed class PeopleAdmin(IdentityDbContext db, UserDirectory directory, AdminAudit audit, DomainEvents events, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public async Task<Outcome<Page<User>>> ListUsersAsync(ClaimsPrincipal actor, UserFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Page < 1 || filter.PageSize is < 1 or > MaxPageSize)
        {
            return Outcome.Invalid<Page<User>>($"page must be ≥ 1 and pageSize 1–{MaxPageSize}.");
        }

        var users = db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.Memberships).AsSplitQuery().AsQueryable();
        if (filter.OrganisationId is { } organisation)
        {
            if (!await CoversAsync(actor, organisation, cancellationToken))
            {
                return Outcome.NotFound<Page<User>>($"No organisation {organisation} in your region.");
            }

            var subtree = await directory.SubtreeAsync(organisation, cancellationToken);
            users = users.Where(u => u.OrganisationId != null && subtree.Contains(u.OrganisationId.Value));
        }
        else if (ScopeOf(actor) is { } root)
        {
            var subtree = await directory.SubtreeAsync(root, cancellationToken);
            users = users.Where(u => u.OrganisationId != null && subtree.Contains(u.OrganisationId.Value));
        }

        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var q = filter.Query.Trim();
            users = users.Where(u => u.UserName.Contains(q) || u.DisplayName.Contains(q) || (u.ExternalId != null && u.ExternalId == q));
        }

        if (!string.IsNullOrWhiteSpace(filter.Role))
        {
            users = users.Where(u => u.Roles.Any(r => r.Role == filter.Role));
        }

        if (!filter.IncludeDeactivated)
        {
            users = users.Where(u => u.DeactivatedAt == null);
        }

        var total = await users.CountAsync(cancellationToken);
        var items = await users.OrderBy(u => u.UserName).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        return Outcome.Done<Page<User>>(new Page<User>(total, items));
    }

    public async Task<Outcome<User>> FindUserAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.Memberships).AsSplitQuery().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is not null && await ManagesAsync(actor, user, cancellationToken) ? Outcome.Done<User>(user) : Outcome.NotFound<User>($"No user {id} in your region.");
    }

    /// <summary>Creates an account; without a password one is generated and returned once.</summary>
    public async Task<Outcome<(User User, string? Password)>> CreateUserAsync(ClaimsPrincipal actor, UserChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var userName = change.UserName?.Trim() ?? "";
        if (userName.Length is < 2 or > 100 || !userName.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            return Outcome.Invalid<(User, string?)>("userName has 2–100 letters, digits or . _ - @.");
        }

        var generated = change.Password is null ? PasswordPolicy.Generate() : null;
        var password = change.Password ?? generated!;
        if (PasswordPolicy.Problem(password, userName) is { } weak)
        {
            return Outcome.Invalid<(User, string?)>(weak);
        }

        if (await CheckAsync(actor, change, existing: null, cancellationToken) is { } problem)
        {
            return problem.As<(User, string?)>();
        }

        if (await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
        {
            return Outcome.Conflict<(User, string?)>($"The user name '{userName}' is already taken.");
        }

        var user = UserDirectory.NewAccount(
            new NewUser(userName, password, change.Roles!, change.DisplayName!.Trim(), change.OrganisationId, Blank(change.ExternalId), Blank(change.Title),
                PasswordIsGenerated: generated is not null), time.GetUtcNow());
        db.Users.Add(user);
        audit.Add(actor, "user.created", Target(user), $"{user.UserName} ({user.DisplayName}); roles {string.Join(",", change.Roles!)}");
        return await SaveAsync(user.Id, cancellationToken) is { } conflict ? conflict.As<(User, string?)>() : Outcome.Done<(User, string?)>((user, generated));
    }

    public async Task<Outcome<User>> UpdateUserAsync(ClaimsPrincipal actor, Guid id, UserChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var user = await db.Users.Include(u => u.Roles).Include(u => u.Memberships).AsSplitQuery().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null || !await ManagesAsync(actor, user, cancellationToken))
        {
            return Outcome.NotFound<User>($"No user {id} in your region.");
        }

        if (await CheckAsync(actor, change, user, cancellationToken) is { } problem)
        {
            return problem.As<User>();
        }

        var roles = change.Roles!.Distinct().Order(StringComparer.Ordinal).ToList();
        var vouchedForChanged = user.OrganisationId != change.OrganisationId || !roles.SequenceEqual(user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal));
        user.DisplayName = change.DisplayName!.Trim();
        user.OrganisationId = change.OrganisationId;
        user.ExternalId = Blank(change.ExternalId);
        user.Title = Blank(change.Title);
        if (vouchedForChanged)
        {
            db.UserRoles.RemoveRange(user.Roles.Where(r => !roles.Contains(r.Role)));
            foreach (var role in roles.Where(role => user.Roles.All(r => r.Role != role)))
            {
                db.UserRoles.Add(new UserRole { UserId = user.Id, Role = role });
            }

            user.SecurityStamp = UserDirectory.NewStamp();
        }

        audit.Add(actor, "user.changed", Target(user), $"roles {string.Join(",", roles)}; organisation {change.OrganisationId}");
        if (await SaveAsync(user.Id, cancellationToken) is { } conflict)
        {
            return conflict.As<User>();
        }

        return await FindUserAsync(actor, id, cancellationToken);
    }

    public async Task<Outcome<User>> SetActiveAsync(ClaimsPrincipal actor, Guid id, bool active, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Roles).Include(u => u.Memberships).AsSplitQuery().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null || !await ManagesAsync(actor, user, cancellationToken))
        {
            return Outcome.NotFound<User>($"No user {id} in your region.");
        }

        if (!active && user.Id == actor.UserId())
        {
            return Outcome.Conflict<User>("You cannot deactivate your own account.");
        }

        if ((user.DeactivatedAt is null) != active)
        {
            user.DeactivatedAt = active ? null : time.GetUtcNow();
            user.SecurityStamp = UserDirectory.NewStamp();
            audit.Add(actor, active ? "user.reactivated" : "user.deactivated", Target(user), user.UserName);
            await SaveAsync(user.Id, cancellationToken);
        }

        return Outcome.Done<User>(user);
    }

    /// <summary>Sets a new password (generated when none is given, returned once); the person's sessions end.</summary>
    public async Task<Outcome<string>> ResetPasswordAsync(ClaimsPrincipal actor, Guid id, string? password, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Roles).Include(u => u.Memberships).AsSplitQuery().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null || !await ManagesAsync(actor, user, cancellationToken))
        {
            return Outcome.NotFound<string>($"No user {id} in your region.");
        }

        var chosen = password ?? PasswordPolicy.Generate();
        if (PasswordPolicy.Problem(chosen, user.UserName) is { } weak)
        {
            return Outcome.Invalid<string>(weak);
        }

        UserDirectory.SetPassword(user, chosen);
        user.SecurityStamp = UserDirectory.NewStamp();
        audit.Add(actor, "user.password-reset", Target(user), user.UserName);
        await SaveAsync(user.Id, cancellationToken);
        return Outcome.Done<string>(chosen);
    }

    /// <summary>The children of <paramref name="parentId"/>; without one, the top of what the actor manages.</summary>
    public async Task<Outcome<List<Organisation>>> ChildrenAsync(ClaimsPrincipal actor, Guid? parentId, bool includeDeactivated, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking();
        if (!includeDeactivated)
        {
            organisations = organisations.Where(o => o.DeactivatedAt == null);
        }

        if (parentId is null)
        {
            var root = ScopeOf(actor);
            var top = root is { } r ? organisations.Where(o => o.Id == r) : organisations.Where(o => o.ParentId == null);
            return Outcome.Done<List<Organisation>>(await top.OrderBy(o => o.Name).ToListAsync(cancellationToken));
        }

        if (!await CoversAsync(actor, parentId, cancellationToken))
        {
            return Outcome.NotFound<List<Organisation>>($"No organisation {parentId} in your region.");
        }

        return Outcome.Done<List<Organisation>>(await organisations.Where(o => o.ParentId == parentId).OrderBy(o => o.Name).ToListAsync(cancellationToken));
    }

    public async Task<Outcome<Organisation>> FindOrganisationAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return organisation is not null && await CoversAsync(actor, id, cancellationToken)
            ? Outcome.Done<Organisation>(organisation)
            : Outcome.NotFound<Organisation>($"No organisation {id} in your region.");
    }

    public async Task<Outcome<Organisation>> CreateOrganisationAsync(ClaimsPrincipal actor, OrganisationChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!OrganisationKinds.TryParse(change.Kind, out var kind))
        {
            return Outcome.Invalid<Organisation>($"kind must be one of: {string.Join(", ", OrganisationKinds.Names)}.");
        }

        if (await PlaceProblemAsync(actor, change, kind, moving: null, cancellationToken) is { } problem)
        {
            return problem;
        }

        var organisation = new Organisation { Id = Guid.CreateVersion7(), Name = change.Name!.Trim(), Kind = kind, ParentId = change.ParentId, Code = Blank(change.Code) };
        db.Organisations.Add(organisation);
        audit.Add(actor, "organisation.created", Target(organisation), $"{OrganisationKinds.NameOf(kind)} {organisation.Name} under {change.ParentId}");
        return await SaveAsync(null, cancellationToken) is { } conflict ? conflict.As<Organisation>() : Outcome.Done<Organisation>(organisation);
    }

    /// <summary>Renames, re-codes or moves an organisation; a move changes what region scopes see (lineages, catalog audiences).</summary>
    public async Task<Outcome<Organisation>> UpdateOrganisationAsync(ClaimsPrincipal actor, Guid id, OrganisationChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !await CoversAsync(actor, id, cancellationToken))
        {
            return Outcome.NotFound<Organisation>($"No organisation {id} in your region.");
        }

        if (ScopeOf(actor) == id && change.ParentId != organisation.ParentId)
        {
            return Outcome.NotFound<Organisation>("Your own region can only be moved by an administrator.");
        }

        var moved = change.ParentId != organisation.ParentId;
        if (await PlaceProblemAsync(actor, change, organisation.Kind, moved ? organisation : null, cancellationToken) is { } problem)
        {
            return problem;
        }

        var before = $"{organisation.Name} under {organisation.ParentId}";
        organisation.Name = change.Name!.Trim();
        organisation.ParentId = change.ParentId;
        organisation.Code = Blank(change.Code);
        audit.Add(actor, moved ? "organisation.moved" : "organisation.changed", Target(organisation), $"{before} → {organisation.Name} under {organisation.ParentId}");
        var subtree = moved ? await directory.SubtreeAsync(id, cancellationToken) : [];
        if (moved)
        {
            // Forgotten before the save too: the catalog's handler runs as the save commits and reads the new lineage.
            directory.ForgetLineages(subtree);
            events.Publish(db, new OrganisationMoved(id));
        }

        if (await SaveAsync(null, cancellationToken) is { } conflict)
        {
            return conflict.As<Organisation>();
        }

        directory.ForgetLineages(subtree);

        return Outcome.Done<Organisation>(organisation);
    }

    public async Task<Outcome<Organisation>> SetOrganisationActiveAsync(ClaimsPrincipal actor, Guid id, bool active, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !await CoversAsync(actor, id, cancellationToken) || ScopeOf(actor) == id)
        {
            return Outcome.NotFound<Organisation>($"No organisation {id} in your region that you may deactivate.");
        }

        if ((organisation.DeactivatedAt is null) != active)
        {
            organisation.DeactivatedAt = active ? null : time.GetUtcNow();
            audit.Add(actor, active ? "organisation.reactivated" : "organisation.deactivated", Target(organisation), organisation.Name);
            await SaveAsync(null, cancellationToken);
        }

        return Outcome.Done<Organisation>(organisation);
    }

    private async Task<Outcome<Organisation>?> PlaceProblemAsync(ClaimsPrincipal actor, OrganisationChange change, OrganisationKind kind, Organisation? moving, CancellationToken cancellationToken)
    {
        var name = change.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200 || change.Code?.Trim().Length > 50)
        {
            return Outcome.Invalid<Organisation>("name has 1–200 characters and code at most 50.");
        }

        if (change.ParentId is not { } parentId)
        {
            return kind == OrganisationKind.Province && actor.IsInRole(Roles.Admin)
                ? null
                : Outcome.Invalid<Organisation>("parentId is required: only an administrator adds a province at the top.");
        }

        var parent = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == parentId, cancellationToken);
        if (parent is null || !await CoversAsync(actor, parentId, cancellationToken))
        {
            return Outcome.NotFound<Organisation>($"No organisation {parentId} in your region.");
        }

        if (parent.DeactivatedAt is not null)
        {
            return Outcome.Invalid<Organisation>($"{parent.Name} is deactivated and takes no new members.");
        }

        if (OrganisationKinds.Depth(parent.Kind) >= OrganisationKinds.Depth(kind))
        {
            return Outcome.Invalid<Organisation>($"A {OrganisationKinds.NameOf(kind)} cannot sit under a {OrganisationKinds.NameOf(parent.Kind)}.");
        }

        if (moving is not null && (await directory.GetLineageAsync(parentId, cancellationToken)).Any(o => o.Id == moving.Id))
        {
            return Outcome.Invalid<Organisation>("An organisation cannot move under itself or one of its own members.");
        }

        return null;
    }

    /// <summary>What a user change must satisfy whoever makes it; null when it may be applied.</summary>
    private async Task<Outcome<object>?> CheckAsync(ClaimsPrincipal actor, UserChange change, User? existing, CancellationToken cancellationToken)
    {
        var displayName = change.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 200 || change.Title?.Trim().Length > 50 || change.ExternalId?.Trim().Length > 50)
        {
            return Outcome.Invalid<object>("displayName has 1–200 characters; title and externalId at most 50.");
        }

        var roles = change.Roles ?? [];
        var unknown = roles.Except(Roles.All).ToList();
        if (roles.Count == 0 || unknown.Count > 0)
        {
            return Outcome.Invalid<object>($"roles must be one or more of: {string.Join(", ", Roles.All)}.");
        }

        if (!actor.IsInRole(Roles.Admin) && roles.Contains(Roles.Admin))
        {
            return Outcome.Forbidden<object>("Only an administrator grants the administrator role.");
        }

        if (change.OrganisationId is { } organisationId)
        {
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
            if (organisation is null || !await CoversAsync(actor, organisationId, cancellationToken))
            {
                return Outcome.NotFound<object>($"No organisation {organisationId} in your region.");
            }

            if (organisation.DeactivatedAt is not null && organisationId != existing?.OrganisationId)
            {
                return Outcome.Invalid<object>($"{organisation.Name} is deactivated and takes no new members.");
            }
        }
        else if (!actor.IsInRole(Roles.Admin))
        {
            return Outcome.Invalid<object>("organisationId is required: the person belongs somewhere in your region.");
        }

        var externalId = Blank(change.ExternalId);
        if (externalId is not null && await db.Users.AnyAsync(u => u.ExternalId == externalId && u.Id != (existing == null ? Guid.Empty : existing.Id), cancellationToken))
        {
            return Outcome.Conflict<object>($"Another account already has the roster id '{externalId}'.");
        }

        return null;
    }

    /// <summary>Whether the actor manages this person: in their region, and never an administrator unless they are one.</summary>
    private async Task<bool> ManagesAsync(ClaimsPrincipal actor, User user, CancellationToken cancellationToken) =>
        actor.IsInRole(Roles.Admin)
        || (user.Roles.All(r => r.Role != Roles.Admin) && user.OrganisationId is { } organisation && await CoversAsync(actor, organisation, cancellationToken));

    /// <summary>The root of what the actor manages: null for administrators (everything), their organisation for a region administrator.</summary>
    private static Guid? ScopeOf(ClaimsPrincipal actor) => actor.IsInRole(Roles.Admin) ? null : actor.OrganisationId() ?? Guid.Empty;

    private async Task<bool> CoversAsync(ClaimsPrincipal actor, Guid? organisationId, CancellationToken cancellationToken)
    {
        if (actor.IsInRole(Roles.Admin))
        {
            return true;
        }

        return organisationId is { } id && ScopeOf(actor) is { } root && root != Guid.Empty
            && (await directory.GetLineageAsync(id, cancellationToken)).Any(o => o.Id == root);
    }

    /// <summary>Saves; a unique index that lost a race (user name, roster id, code, a name under one parent) is a conflict.</summary>
    private async Task<Outcome<object>?> SaveAsync(Guid? userId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict<object>("Another record already has that user name, roster id, code, or name under the same parent.");
        }

        if (userId is { } id)
        {
            directory.ForgetSessions(id);
        }

        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Target(User user) => $"user:{user.Id}";

    private static string Target(Organisation organisation) => $"organisation:{organisation.Id}";
}

/// <summary>What a person's account should say; null roles or names are validation errors.</summary>
public sealed record UserChange(
    string? UserName, string? DisplayName, IReadOnlyList<string>? Roles, Guid? OrganisationId, string? Title, string? ExternalId, string? Password = null);

public sealed record OrganisationChange(string? Name, string? Kind, Guid? ParentId, string? Code);

public sealed record UserFilter(string? Query, Guid? OrganisationId, string? Role, bool IncludeDeactivated, int Page = 1, int PageSize = 50);

public sealed record Page<T>(int Total, List<T> Items);

/// <summary>An organisation (and everything under it) moved: whatever was derived from its lineage must be derived again.</summary>
public sealed record OrganisationMoved(Guid OrganisationId);

public static class Outcome
{
    public static Outcome<T> Done<T>(T value) => new(value, 200, null);

    public static Outcome<T> Invalid<T>(string problem) => new(default, 400, problem);

    public static Outcome<T> Forbidden<T>(string problem) => new(default, 403, problem);

    public static Outcome<T> NotFound<T>(string problem) => new(default, 404, problem);

    public static Outcome<T> Conflict<T>(string problem) => new(default, 409, problem);

    /// <summary>A refusal that clients tell apart by its problem type (a closed window, a failed technical check), not only by status.</summary>
    public static Outcome<T> Refused<T>(int status, string type, string title, string problem) => new(default, status, problem) { Type = type, Title = title };
}

/// <summary>A workflow's answer: the value, or why not (an HTTP status and a sentence for the problem's detail).</summary>
public sealed record Outcome<T>(T? Value, int Status, string? Problem)
{
    public bool Succeeded => Problem is null;

    /// <summary>The problem type URI of a refusal of its own kind; null: the status's usual type.</summary>
    public string? Type { get; init; }

    /// <summary>The problem's title that goes with <see cref="Type"/>.</summary>
    public string? Title { get; init; }

    public Outcome<TOther> As<TOther>() => new(default, Status, Problem) { Type = Type, Title = Title };
}
