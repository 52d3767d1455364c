using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using Media.Ingest.Data;

namespace Media.Ingest.Uploads;

internal static class UploadQueries
{
    public static IEndpointRouteBuilder MapUploadQueries(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/uploads").WithTags("Uploads").RequireAuthorization(Policies.TeacherOrAbove);
        group.MapGet("/{id:guid}/status", StatusAsync).WithSummary("State of an upload: receiving, validating, rejected or accepted");
        group.MapGet("/", MineAsync).WithSummary("My recent uploads, newest first");
        return routes;
    }

    internal static async Task<Results<Ok<UploadStatusDto>, ProblemHttpResult>> StatusAsync(
        Guid id, ClaimsPrincipal user, IngestDbContext db, CancellationToken cancellationToken)
    {
        var upload = await db.Uploads.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return upload is null || (upload.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin))
            ? Problems.NotFound($"No upload {id}.")
            : TypedResults.Ok(UploadStatusDto.Of(upload));
    }

    internal static async Task<Ok<List<UploadStatusDto>>> MineAsync(ClaimsPrincipal user, IngestDbContext db, CancellationToken cancellationToken, int take = 50)
    {
        var owner = user.UserId();
        var uploads = await db.Uploads.AsNoTracking().Where(u => u.OwnerId == owner)
            .OrderByDescending(u => u.CreatedAt).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return TypedResults.Ok(uploads.Select(UploadStatusDto.Of).ToList());
    }
}
