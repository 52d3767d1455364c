using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Media.Review.Campaigns;

/// <summary>
/// Where entries come from and which of them an administrator oversees: administrators see every region; a region
/// administrator (教研员 of a county, city or province) sees the entries of schools under their own organisation.
/// </summary>
internal sealed class ReviewScope(UserDirectory users)
{

    /// <summary>The region an administrator oversees: null for administrators (everywhere), the caller's organisation otherwise (none: <see cref="Guid.Empty"/>, which covers nothing).</summary>
    public static Guid? RegionOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? null : user.OrganisationId() ?? Guid.Empty;

    public async Task<IReadOnlyList<Organisation>> LineageAsync(Guid? organisation, CancellationToken cancellationToken) =>
        organisation is { } id ? await users.GetLineageAsync(id, cancellationToken) : [];

    /// <summary>The organisation itself (a school, a county …), or null.</summary>
    public async Task<Organisation?> OrganisationAsync(Guid? organisation, CancellationToken cancellationToken) =>
        await LineageAsync(organisation, cancellationToken) is [var own, ..] ? own : null;

    /// <summary>The organisation of a kind above (or at) a school: its county, city, province.</summary>
    public async Task<Organisation?> AncestorAsync(Guid? school, OrganisationKind kind, CancellationToken cancellationToken) =>
        (await LineageAsync(school, cancellationToken)).FirstOrDefault(o => o.Kind == kind);

    /// <summary>Whether an entry from this school lies in the region (every entry when the region is null).</summary>
    public async Task<bool> CoversAsync(Guid? region, Guid? school, CancellationToken cancellationToken) =>
        region is null || (await LineageAsync(school, cancellationToken)).Any(o => o.Id == region);

    public Task<bool> CoversAsync(ClaimsPrincipal user, Guid? school, CancellationToken cancellationToken) =>
        CoversAsync(RegionOf(user), school, cancellationToken);

    /// <summary>The kind of region entries compete in at a level: a school's entries among themselves, a county's, a city's, a province's.</summary>
    public static OrganisationKind CompetitionKind(ReviewLevel level) => level switch
    {
        ReviewLevel.School => OrganisationKind.School,
        ReviewLevel.County => OrganisationKind.County,
        ReviewLevel.City => OrganisationKind.City,
        _ => OrganisationKind.Province,
    };

    /// <summary>
    /// Whether an administrator may decide a level's results: their region must hold whole competitions at that
    /// level (a county's 教研员 decides school and county results for the county, not city results). The ministry
    /// level is decided by platform administrators.
    /// </summary>
    public static ProblemHttpResult NotYourLevel() => Problems.Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Not your level.",
        "Results, notices, arbitrations and appeals at this level are decided by the administrators of a region that holds the whole competition.");

    public async Task<bool> MayDecideAsync(ClaimsPrincipal user, ReviewLevel level, CancellationToken cancellationToken)
    {
        var region = RegionOf(user);
        if (region is null)
        {
            return true;
        }

        if (level == ReviewLevel.Ministry)
        {
            return false;
        }

        var own = await OrganisationAsync(region, cancellationToken);
        return own is not null && own.Kind <= CompetitionKind(level);
    }
}
