using System.Security.Claims;
using Media.Platform.Identity;
using Media.Review.Contracts;
using Media.Streaming.Contracts;

namespace Media.Catalog.Search;

/// <summary>
/// Who may see a lesson in the catalog, as tokens the index filters on: the same people who may watch it (streaming's
/// access level). A lesson carries the tokens of its audience; a viewer carries the tokens they hold; the viewer sees
/// the lesson when the two share one. Administrators see everything (no filter).
/// </summary>
internal static class Audiences
{
    public const string Public = "public";
    public const string SignedIn = "signed-in";

    public static string Organisation(Guid id) => $"org:{id:N}";

    public static string User(Guid id) => $"user:{id:N}";

    public static string Role(string role) => $"role:{role}";

    /// <summary>
    /// A lesson's audience from its access level: public, signed-in, school or region (everyone under
    /// <paramref name="scope"/>, the teacher's school or city), or reviewers; its teacher always.
    /// </summary>
    public static IReadOnlyList<string> OfLesson(AccessLevel access, Guid? scope, Guid ownerId) => access switch
    {
        AccessLevel.Public => [Public],
        AccessLevel.School or AccessLevel.Region => scope is { } organisation ? [Organisation(organisation), User(ownerId)] : [User(ownerId)],
        AccessLevel.Reviewers => [Role(Roles.Reviewer), Role(Roles.RegionAdmin), User(ownerId)],
        _ => [SignedIn],
    };

    /// <summary>Whether a viewer with these tokens (null: an administrator) sees a lesson with this audience.</summary>
    public static bool Sees(IReadOnlyCollection<string>? viewer, IReadOnlyList<string>? lesson) =>
        viewer is null || (lesson ?? [SignedIn]).Any(viewer.Contains);
}

/// <summary>
/// Who is looking at the catalog: the audience tokens they hold (null for administrators, who see every lesson) and the
/// lessons hidden from them because they are judging them blind (a reviewer would otherwise find the teacher and school
/// on the lesson's page or by searching).
/// </summary>
internal sealed record CatalogViewer(IReadOnlyCollection<string>? Audience, IReadOnlySet<Guid> Judging)
{
    private static readonly IReadOnlySet<Guid> Nothing = new HashSet<Guid>();

    public static CatalogViewer Anonymous { get; } = new([Audiences.Public], Nothing);

    public bool Sees(Guid lessonId, IReadOnlyList<string>? lessonAudience) => !Judging.Contains(lessonId) && Audiences.Sees(Audience, lessonAudience);

    /// <summary>The query narrowed to what this viewer may find.</summary>
    public LessonQuery Narrow(LessonQuery query) =>
        query with { Audience = Audience, Exclude = Judging.Count == 0 ? query.Exclude : [.. query.Exclude ?? [], .. Judging] };

    internal static CatalogViewer Of(IReadOnlyCollection<string>? audience, IReadOnlySet<Guid>? judging) => new(audience, judging ?? Nothing);
}

/// <summary>The caller as the catalog sees them: public, signed-in, themselves, their roles and every organisation above them.</summary>
internal sealed class ViewerAudience(UserDirectory users, IReviewAssignments reviews)
{
    public async Task<CatalogViewer> OfAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } id)
        {
            return CatalogViewer.Anonymous;
        }

        var judging = user.IsInRole(Roles.Reviewer) ? await reviews.JudgingAsync(id, cancellationToken) : null;
        return CatalogViewer.Of(user.IsInRole(Roles.Admin) ? null : await TokensAsync(user, id, cancellationToken), judging);
    }

    private async Task<IReadOnlyCollection<string>> TokensAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal) { Audiences.Public, Audiences.SignedIn, Audiences.User(id) };
        foreach (var role in Roles.All.Where(user.IsInRole))
        {
            tokens.Add(Audiences.Role(role));
        }

        if (user.OrganisationId() is { } organisation)
        {
            foreach (var ancestor in await users.GetLineageAsync(organisation, cancellationToken))
            {
                tokens.Add(Audiences.Organisation(ancestor.Id));
            }
        }

        return tokens;
    }
}
