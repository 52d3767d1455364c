using System.Globalization;
using System.Security.Claims;
using System.Text;
using Hangfire;
using Media.Ingest.Contracts;
using Media.Ingest.Uploads;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Media.Ingest.Data;

namespace Media.Ingest.LibraryImports;

/// <summary>
/// POST /api/imports: a manifest (CSV or JSON body) of lessons in a folder under the server's import root,
/// imported by a job; GET /api/imports/{id} for progress, /report.csv for per-row results.
/// </summary>
internal static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.Importer);
        group.MapPost("/", StartAsync).WithSummary("Import a lesson library from a server folder: ?folder=…, body = manifest (text/csv or application/json)");
        group.MapGet("/{id:guid}", ProgressAsync).WithSummary("Progress and counts of an import");
        group.MapGet("/{id:guid}/report.csv", ReportAsync).WithSummary("Per-row results of an import");
        return routes;
    }

    internal static async Task<Results<Accepted<ImportProgressDto>, ProblemHttpResult>> StartAsync(
        string? folder, HttpRequest request, ClaimsPrincipal user, IngestDbContext db, IOptions<IngestOptions> options,
        IBackgroundJobClient jobs, TimeProvider time, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return Problems.Validation("Name the library folder (relative to the import root) with ?folder=…");
        }

        string resolved;
        try
        {
            resolved = ImportFolders.Resolve(options.Value, services, folder);
        }
        catch (ArgumentException e)
        {
            return Problems.Validation(e.Message);
        }

        if (!Directory.Exists(resolved))
        {
            return Problems.Validation($"The folder '{folder}' does not exist under the import root.");
        }

        var format = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => ManifestFormat.Csv,
            "application/json" => ManifestFormat.Json,
            _ => (ManifestFormat?)null,
        };
        if (format is null)
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.Validation, "Unsupported manifest type.", "Send the manifest as text/csv or application/json.");
        }

        IReadOnlyList<ManifestRow> rows;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            try
            {
                rows = LessonManifest.Parse(await reader.ReadToEndAsync(cancellationToken), format.Value);
            }
            catch (ManifestException e)
            {
                return Problems.Validation("The manifest is not valid: " + e.Message);
            }
        }

        if (rows.Count == 0)
        {
            return Problems.Validation("The manifest has no rows.");
        }

        var import = new LibraryImport
        {
            Id = Guid.CreateVersion7(),
            OwnerId = user.UserId()!.Value,
            OrganisationId = user.OrganisationId(),
            Folder = folder,
            Total = rows.Count,
            CreatedAt = time.GetUtcNow(),
            Rows = rows.Select(r => new LibraryImportRow { Number = r.Number, File = r.File, Metadata = new Dictionary<string, string>(r.Metadata) }).ToList(),
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ImportJob>(job => job.RunAsync(import.Id, CancellationToken.None));
        return TypedResults.Accepted($"/api/imports/{import.Id}", await ProgressOfAsync(db, import, cancellationToken));
    }

    internal static async Task<Results<Ok<ImportProgressDto>, ProblemHttpResult>> ProgressAsync(
        Guid id, ClaimsPrincipal user, IngestDbContext db, CancellationToken cancellationToken)
    {
        var import = await FindAsync(id, user, db, cancellationToken);
        return import is null ? Problems.NotFound($"No import {id}.") : TypedResults.Ok(await ProgressOfAsync(db, import, cancellationToken));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReportAsync(
        Guid id, ClaimsPrincipal user, IngestDbContext db, CancellationToken cancellationToken)
    {
        var import = await FindAsync(id, user, db, cancellationToken);
        if (import is null)
        {
            return Problems.NotFound($"No import {id}.");
        }

        var report = new StringBuilder("row,file,result,lessonId,error\n");
        foreach (var row in await db.ImportRows.AsNoTracking().Where(r => r.ImportId == id).OrderBy(r => r.Number).ToListAsync(cancellationToken))
        {
            report.Append(CultureInfo.InvariantCulture, $"{row.Number},{CsvRows.Escape(row.File)},{row.State.ToString().ToLowerInvariant()},{row.LessonId},{CsvRows.Escape(row.Error)}\n");
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(report.ToString())).ToArray(), "text/csv; charset=utf-8", $"import-{id}.csv");
    }

    private static async Task<LibraryImport?> FindAsync(Guid id, ClaimsPrincipal user, IngestDbContext db, CancellationToken cancellationToken)
    {
        var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return import is not null && (import.OwnerId == user.UserId() || user.IsInRole(Roles.Admin)) ? import : null;
    }

    private static async Task<ImportProgressDto> ProgressOfAsync(IngestDbContext db, LibraryImport import, CancellationToken cancellationToken)
    {
        var counts = await db.ImportRows.Where(r => r.ImportId == import.Id).GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        int Count(ImportRowState state) => counts.GetValueOrDefault(state);
        return new ImportProgressDto(import.Id, import.State.ToString().ToLowerInvariant(), import.Folder, import.Total,
            import.Total - Count(ImportRowState.Pending), Count(ImportRowState.Accepted), Count(ImportRowState.Rejected),
            Count(ImportRowState.Failed), Count(ImportRowState.Skipped), import.CreatedAt, import.FinishedAt);
    }
}

internal sealed record ImportProgressDto(
    Guid Id, string State, string Folder, int Total, int Done, int Accepted, int Rejected, int Failed, int Skipped,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
