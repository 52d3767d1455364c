using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Media.Platform.Identity;

/// <summary>Users and organisations: creation, look-up and password checks.</summary>
public sealed class UserDirectory(IdentityDbContext db, TimeProvider time, IMemoryCache cache)
{

    public Task<bool> AnyUsersAsync(CancellationToken cancellationToken = default) => db.Users.AnyAsync(cancellationToken);

    public Task<User?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Users.Include(u => u.Roles).AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> FindByUserNameAsync(string userName, CancellationToken cancellationToken = default) =>
        db.Users.Include(u => u.Roles).AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);

    public Task<User?> FindByRosterIdAsync(string rosterId, CancellationToken cancellationToken = default) =>
        db.Users.Include(u => u.Roles).AsNoTracking().FirstOrDefaultAsync(u => u.ExternalId == rosterId, cancellationToken);

    /// <summary>Creates a user; fails with <see cref="DuplicateUserNameException"/> when the name is taken.</summary>
    public async Task<User> CreateUserAsync(NewUser request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.UserName);
        ArgumentException.ThrowIfNullOrEmpty(request.Password);
        var unknown = request.Roles.Except(Roles.All).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}. Supported: {string.Join(", ", Roles.All)}", nameof(request));
        }

        if (await db.Users.AnyAsync(u => u.UserName == request.UserName, cancellationToken))
        {
            throw new DuplicateUserNameException(request.UserName);
        }

        var user = NewAccount(request, time.GetUtcNow());
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            // Lost a race with another request creating the same name.
            if (await db.Users.AsNoTracking().AnyAsync(u => u.UserName == request.UserName, cancellationToken))
            {
                throw new DuplicateUserNameException(request.UserName, e);
            }

            throw;
        }

        return user;
    }

    /// <summary>The user when the password matches, otherwise null (same answer for unknown names).</summary>
    public async Task<User?> VerifyPasswordAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var user = await FindByUserNameAsync(userName, cancellationToken);
        if (user is null)
        {
            // Hash anyway so that response time does not reveal whether the name exists.
            PasswordHashes.OfChosen(new User { UserName = userName, DisplayName = userName, PasswordHash = string.Empty }, password);
            return null;
        }

        var (matches, rehash) = PasswordHashes.Verify(user, user.PasswordHash, password);
        if (matches && rehash)
        {
            var strong = PasswordHashes.OfChosen(user, password);
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == user.PasswordHash)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, strong), cancellationToken);
        }

        return matches && user.DeactivatedAt is null ? user : null;
    }

    /// <summary>A new account, not yet added or saved: its password hashed, a fresh security stamp, each role once.</summary>
    public static User NewAccount(NewUser request, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = request.UserName,
            DisplayName = request.DisplayName ?? request.UserName,
            PasswordHash = string.Empty,
            OrganisationId = request.OrganisationId,
            CreatedAt = createdAt,
            ExternalId = request.ExternalId,
            Title = request.Title,
            SecurityStamp = NewStamp(),
        };
        if (request.PasswordIsGenerated)
        {
            user.PasswordHash = PasswordHashes.OfGenerated(request.Password);
        }
        else
        {
            SetPassword(user, request.Password);
        }

        user.Roles = request.Roles.Distinct().Select(role => new UserRole { UserId = user.Id, Role = role }).ToList();
        return user;
    }

    /// <summary>Hashes a password for the user (the caller saves).</summary>
    public static void SetPassword(User user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.PasswordHash = PasswordHashes.OfChosen(user, password);
    }

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Whether a session (token or cookie) issued with <paramref name="stamp"/> still signs the user in: the account is
    /// active and nothing it vouches for has changed since. Read at most every 30 s per user and node.
    /// </summary>
    public async Task<bool> IsSessionCurrentAsync(Guid userId, string? stamp, CancellationToken cancellationToken)
    {
        var current = await cache.GetOrCreateAsync(("stamp", userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new SessionStamp(u.SecurityStamp, u.DeactivatedAt != null)).FirstOrDefaultAsync(cancellationToken);
        });
        return current is { Deactivated: false } && current.Stamp == (stamp ?? string.Empty);
    }

    /// <summary>Forgets what this node remembers of a user's sessions (after a change on this node; other nodes catch up within 30 s).</summary>
    public void ForgetSessions(Guid userId) => cache.Remove(("stamp", userId));

    /// <summary>Forgets remembered lineages (after organisations moved; other nodes catch up within the lineage lifetime).</summary>
    public void ForgetLineages(IEnumerable<Guid> organisationIds)
    {
        ArgumentNullException.ThrowIfNull(organisationIds);
        foreach (var id in organisationIds)
        {
            cache.Remove(("lineage", id));
        }
    }

    /// <summary>The organisation and everything under it (ids), read level by level.</summary>
    public async Task<HashSet<Guid>> SubtreeAsync(Guid organisationId, CancellationToken cancellationToken = default)
    {
        var all = new HashSet<Guid> { organisationId };
        var level = new List<Guid> { organisationId };
        while (level.Count > 0 && all.Count < 1_000_000)
        {
            var parents = level;
            level = await db.Organisations.AsNoTracking().Where(o => o.ParentId != null && parents.Contains(o.ParentId.Value)).Select(o => o.Id).ToListAsync(cancellationToken);
            level.RemoveAll(id => !all.Add(id));
        }

        return all;
    }

    private sealed record SessionStamp(string Stamp, bool Deactivated);

    public async Task<Organisation> AddOrganisationAsync(string name, OrganisationKind kind, Guid? parentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (parentId is { } parent)
        {
            var parentKind = await db.Organisations.Where(o => o.Id == parent).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ArgumentException($"Parent organisation {parent} does not exist.", nameof(parentId));
            if (OrganisationKinds.Depth(parentKind) >= OrganisationKinds.Depth(kind))
            {
                throw new ArgumentException($"A {kind} cannot sit under a {parentKind}.", nameof(kind));
            }
        }

        var organisation = new Organisation { Id = Guid.CreateVersion7(), Name = name, Kind = kind, ParentId = parentId };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        return organisation;
    }

    public Task<Organisation?> FindOrganisationAsync(Guid? parentId, string name, CancellationToken cancellationToken = default) =>
        db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ParentId == parentId && o.Name == name, cancellationToken);

    /// <summary>Everyone holding a role (e.g. the reviewers a campaign can assign).</summary>
    public async Task<IReadOnlyList<User>> UsersInRoleAsync(string role, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking().Where(u => u.Roles.Any(r => r.Role == role)).OrderBy(u => u.UserName).ToListAsync(cancellationToken);

    /// <summary>
    /// The organisation and every ancestor up to the province, nearest first. Organisations move rarely, so a lineage once
    /// read is kept for 10 minutes (access checks, review scopes and catalog audiences ask for it on every request); a move
    /// forgets the moved subtree's lineages on the node that made it.
    /// </summary>
    public async Task<IReadOnlyList<Organisation>> GetLineageAsync(Guid organisationId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(("lineage", organisationId), out IReadOnlyList<Organisation>? known))
        {
            return known!;
        }

        var lineage = await ReadLineageAsync(organisationId, cancellationToken);
        if (lineage.Count > 0)
        {
            cache.Set(("lineage", organisationId), lineage, TimeSpan.FromMinutes(10));
        }

        return lineage;
    }

    private async Task<IReadOnlyList<Organisation>> ReadLineageAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var lineage = new List<Organisation>();
        Guid? next = organisationId;
        while (next is { } id && lineage.Count < 8)
        {
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (organisation is null)
            {
                break;
            }

            lineage.Add(organisation);
            next = organisation.ParentId;
        }

        return lineage;
    }
}

/// <summary>An account to make.</summary>
/// <param name="UserName">What the person signs in with.</param>
/// <param name="Password">The password in clear, hashed by <see cref="UserDirectory.NewAccount"/>.</param>
/// <param name="Roles">One or more of <see cref="Roles"/>.</param>
/// <param name="DisplayName">The person's name as pages show it (the user name when null).</param>
/// <param name="OrganisationId">Where the person belongs.</param>
/// <param name="ExternalId">The roster id (教职工号 / 学籍号).</param>
/// <param name="Title">职称 or honour (骨干教师 …).</param>
/// <param name="PasswordIsGenerated">The password came from <see cref="PasswordPolicy.Generate"/> (see <see cref="PasswordHashes"/>).</param>
public sealed record NewUser(
    string UserName, string Password, IReadOnlyList<string> Roles, string? DisplayName = null, Guid? OrganisationId = null, string? ExternalId = null, string? Title = null,
    bool PasswordIsGenerated = false);

public sealed class DuplicateUserNameException : Exception
{
    public DuplicateUserNameException(string userName) : base($"The user name '{userName}' is already taken.") { }

    public DuplicateUserNameException() { }

    public DuplicateUserNameException(string message, Exception innerException) : base(message, innerException) { }
}
