using System.Security.Claims;
using Media.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Media.Platform.Identity.Admin;

/// <summary>
/// <c>/api/admin/users</c>, <c>/api/admin/organisations</c> and <c>/api/admin/audit</c>: parse, call
/// <see cref="PeopleAdmin"/>, map. Administrators and region administrators (inside their region).
/// </summary>
internal static class PeopleEndpoints
{
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapPeopleEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin").WithTags("People").RequireAuthorization(Policies.PeopleAdmin);
        group.MapGet("/users", ListUsersAsync).WithSummary("People in your region: search by name, user name or roster id; filter by organisation (and below) and role");
        group.MapPost("/users", CreateUserAsync).WithSummary("Add a person; without a password one is generated and returned once (initialPassword)");
        group.MapGet("/users/{id:guid}", GetUserAsync).WithSummary("One person");
        group.MapPut("/users/{id:guid}", UpdateUserAsync).WithSummary("Change name, roles, organisation, title and roster id (their sessions end when roles or organisation change)");
        group.MapPost("/users/{id:guid}/deactivate", (Guid id, ClaimsPrincipal user, PeopleAdmin people, CancellationToken ct) => SetActiveAsync(id, false, user, people, ct))
            .WithSummary("Deactivate: no more sign-in; lessons, scores and awards stay");
        group.MapPost("/users/{id:guid}/reactivate", (Guid id, ClaimsPrincipal user, PeopleAdmin people, CancellationToken ct) => SetActiveAsync(id, true, user, people, ct))
            .WithSummary("Reactivate a deactivated person");
        group.MapPost("/users/{id:guid}/password", ResetPasswordAsync).WithSummary("Set a new password (generated when none is given, returned once); their sessions end");
        group.MapGet("/organisations", ChildrenAsync).WithSummary("The children of parentId, or the top of your region without it");
        group.MapPost("/organisations", CreateOrganisationAsync).WithSummary("Add a city, county, school, grade or class (a province: administrators)");
        group.MapGet("/organisations/{id:guid}", GetOrganisationAsync).WithSummary("One organisation with its lineage");
        group.MapPut("/organisations/{id:guid}", UpdateOrganisationAsync).WithSummary("Rename, re-code or move (parentId); a move changes what region scopes see");
        group.MapPost("/organisations/{id:guid}/deactivate", (Guid id, ClaimsPrincipal user, PeopleAdmin people, CancellationToken ct) => SetOrganisationActiveAsync(id, false, user, people, ct))
            .WithSummary("Deactivate: takes no new members and leaves pickers; its people keep their accounts");
        group.MapPost("/organisations/{id:guid}/reactivate", (Guid id, ClaimsPrincipal user, PeopleAdmin people, CancellationToken ct) => SetOrganisationActiveAsync(id, true, user, people, ct))
            .WithSummary("Reactivate an organisation");
        // The content type is checked in the handler, after authorization (an Accepts filter would answer 415 to anyone).
        group.MapPost("/roster", RosterAsync)
            .WithSummary("Import a roster (.xlsx or .csv with the headers schools export): a preview by default; ?apply=true applies it and returns new people's initial passwords once");
        routes.MapGet("/api/admin/audit", AuditAsync).WithTags("People").RequireAuthorization(Policies.Admin)
            .WithSummary("Administrative actions, newest first (users, organisations, campaigns, access changes)");
        return routes;
    }

    internal static async Task<Results<Ok<PageDto<UserDto>>, ProblemHttpResult>> ListUsersAsync(
        string? q, Guid? organisationId, string? role, bool? includeDeactivated, int? page, int? pageSize, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken)
    {
        var outcome = await people.ListUsersAsync(user, new UserFilter(q, organisationId, role, includeDeactivated ?? false, page ?? 1, pageSize ?? 50), cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(new PageDto<UserDto>(outcome.Value!.Total, outcome.Value.Items.Select(UserDto.Of).ToList())) : Problems.For(outcome);
    }

    internal static async Task<Results<Created<CreatedUserDto>, ProblemHttpResult>> CreateUserAsync(UserRequest request, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken)
    {
        var outcome = await people.CreateUserAsync(user, request.ToChange(), cancellationToken);
        if (!outcome.Succeeded)
        {
            return Problems.For(outcome);
        }

        var (created, password) = outcome.Value;
        return TypedResults.Created($"/api/admin/users/{created.Id}", new CreatedUserDto(UserDto.Of(created), password));
    }

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetUserAsync(Guid id, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken) =>
        Map(await people.FindUserAsync(user, id, cancellationToken));

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> UpdateUserAsync(Guid id, UserRequest request, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken) =>
        Map(await people.UpdateUserAsync(user, id, request.ToChange(), cancellationToken));

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> SetActiveAsync(Guid id, bool active, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken) =>
        Map(await people.SetActiveAsync(user, id, active, cancellationToken));

    internal static async Task<Results<Ok<PasswordDto>, ProblemHttpResult>> ResetPasswordAsync(
        Guid id, PasswordRequest? request, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken)
    {
        var outcome = await people.ResetPasswordAsync(user, id, string.IsNullOrEmpty(request?.Password) ? null : request.Password, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(new PasswordDto(outcome.Value!)) : Problems.For(outcome);
    }

    internal static async Task<Results<Ok<List<OrganisationDto>>, ProblemHttpResult>> ChildrenAsync(
        Guid? parentId, bool? includeDeactivated, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken)
    {
        var outcome = await people.ChildrenAsync(user, parentId, includeDeactivated ?? false, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value!.Select(OrganisationDto.Of).ToList()) : Problems.For(outcome);
    }

    internal static async Task<Results<Created<OrganisationDto>, ProblemHttpResult>> CreateOrganisationAsync(
        OrganisationChange request, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken)
    {
        var outcome = await people.CreateOrganisationAsync(user, request, cancellationToken);
        return outcome.Succeeded ? TypedResults.Created($"/api/admin/organisations/{outcome.Value!.Id}", OrganisationDto.Of(outcome.Value)) : Problems.For(outcome);
    }

    internal static async Task<Results<Ok<OrganisationDetailDto>, ProblemHttpResult>> GetOrganisationAsync(
        Guid id, ClaimsPrincipal user, PeopleAdmin people, UserDirectory directory, CancellationToken cancellationToken)
    {
        var outcome = await people.FindOrganisationAsync(user, id, cancellationToken);
        if (!outcome.Succeeded)
        {
            return Problems.For(outcome);
        }

        var lineage = await directory.GetLineageAsync(id, cancellationToken);
        return TypedResults.Ok(new OrganisationDetailDto(OrganisationDto.Of(outcome.Value!), lineage.Skip(1).Reverse().Select(OrganisationDto.Of).ToList()));
    }

    internal static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> UpdateOrganisationAsync(
        Guid id, OrganisationChange request, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken)
    {
        var outcome = await people.UpdateOrganisationAsync(user, id, request, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(OrganisationDto.Of(outcome.Value!)) : Problems.For(outcome);
    }

    internal static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> SetOrganisationActiveAsync(
        Guid id, bool active, ClaimsPrincipal user, PeopleAdmin people, CancellationToken cancellationToken)
    {
        var outcome = await people.SetOrganisationActiveAsync(user, id, active, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(OrganisationDto.Of(outcome.Value!)) : Problems.For(outcome);
    }

    internal static async Task<Results<Ok<RosterReport>, ProblemHttpResult>> RosterAsync(
        bool? apply, HttpRequest request, ClaimsPrincipal user, RosterImport roster, CancellationToken cancellationToken)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("text/csv" or ExcelType))
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.Validation, "Send the roster as text/csv or .xlsx.",
                $"Content-Type must be text/csv or {ExcelType}.");
        }

        // MiniExcel reads .xlsx by seeking inside the zip: take the body into memory first (a roster is megabytes, not gigabytes).
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        body.Position = 0;
        var report = await roster.RunAsync(user, body, type == ExcelType, apply ?? false, cancellationToken);
        // A refused file says why in words and in codes, with the lines at fault, so that a page can point at them.
        return report.Fatal is { } fatal
            ? Problems.Of(StatusCodes.Status422UnprocessableEntity, ProblemTypes.Validation, "Nothing was imported.", fatal,
                new Dictionary<string, object?> { ["code"] = report.FatalCode, ["errors"] = report.Errors })
            : TypedResults.Ok(report);
    }

    internal static async Task<Results<Ok<PageDto<AuditDto>>, ProblemHttpResult>> AuditAsync(
        string? action, string? target, int? page, int? pageSize, IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (page is < 1 || pageSize is < 1 or > PeopleAdmin.MaxPageSize)
        {
            return Problems.Validation($"page must be ≥ 1 and pageSize 1–{PeopleAdmin.MaxPageSize}.");
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            entries = entries.Where(e => e.Action.StartsWith(action));
        }

        if (!string.IsNullOrWhiteSpace(target))
        {
            entries = entries.Where(e => e.Target == target);
        }

        var size = pageSize ?? 50;
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(((page ?? 1) - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PageDto<AuditDto>(total, items.Select(e => new AuditDto(e.At, e.ActorId, e.ActorName, e.Action, e.Target, e.Detail)).ToList()));
    }

    private static Results<Ok<UserDto>, ProblemHttpResult> Map(Outcome<User> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(UserDto.Of(outcome.Value!)) : Problems.For(outcome);

}

internal sealed record UserRequest(string? UserName, string? DisplayName, List<string>? Roles, Guid? OrganisationId, string? Title, string? ExternalId, string? Password)
{
    public UserChange ToChange() => new(UserName, DisplayName, Roles, OrganisationId, Title, ExternalId, string.IsNullOrEmpty(Password) ? null : Password);
}

internal sealed record PasswordRequest(string? Password);

internal sealed record PasswordDto(string Password);

internal sealed record UserDto(
    Guid Id, string UserName, string DisplayName, List<string> Roles, Guid? OrganisationId, string? Title, string? ExternalId, bool Active, DateTimeOffset CreatedAt,
    List<MembershipDto> Memberships)
{
    public static UserDto Of(User u) => new(u.Id, u.UserName, u.DisplayName, u.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToList(), u.OrganisationId,
        u.Title, u.ExternalId, u.DeactivatedAt is null, u.CreatedAt,
        u.Memberships.OrderBy(m => m.Kind, StringComparer.Ordinal).ThenByDescending(m => m.SchoolYear).ThenBy(m => m.Subject, StringComparer.Ordinal)
            .Select(m => new MembershipDto(m.OrganisationId, m.Kind, m.Subject, m.SchoolYear, m.Level)).ToList());
}

/// <summary>What a person does where: kind teaches (subject), studies (schoolYear) or reviews (subject, level).</summary>
internal sealed record MembershipDto(Guid OrganisationId, string Kind, string? Subject, int? SchoolYear, string? Level);

internal sealed record CreatedUserDto(UserDto User, string? InitialPassword);

internal sealed record OrganisationDto(Guid Id, string Name, string Kind, Guid? ParentId, string? Code, bool Active)
{
    public static OrganisationDto Of(Organisation o) => new(o.Id, o.Name, OrganisationKinds.NameOf(o.Kind), o.ParentId, o.Code, o.DeactivatedAt is null);
}

internal sealed record OrganisationDetailDto(OrganisationDto Organisation, List<OrganisationDto> Ancestors);

internal sealed record PageDto<T>(int Total, List<T> Items);

internal sealed record AuditDto(DateTimeOffset At, Guid ActorId, string ActorName, string Action, string Target, string? Detail);
