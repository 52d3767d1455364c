using Media.Ingest.Contracts;
using Media.Ingest.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Media.Ingest.Data;

namespace Media.Ingest.LibraryImports;

/// <summary>
/// Runs a library import: each pending row's file goes through the upload pipeline (store, hash, validate),
/// a few at a time. Rows already finished are never redone, so a retried or re-run job continues where it stopped.
/// </summary>
internal sealed class ImportJob(IServiceScopeFactory scopes, IOptions<IngestOptions> options, ILogger<ImportJob> logger)
{
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        List<int> pending;
        string folder;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IngestDbContext>();
            var import = await db.Imports.FirstOrDefaultAsync(i => i.Id == importId, cancellationToken);
            if (import is null || import.State == ImportState.Completed)
            {
                return;
            }

            import.State = ImportState.Running;
            await db.SaveChangesAsync(cancellationToken);
            folder = ImportFolders.Resolve(options.Value, scope.ServiceProvider, import.Folder);
            pending = await db.ImportRows.Where(r => r.ImportId == importId && r.State == ImportRowState.Pending)
                .OrderBy(r => r.Number).Select(r => r.Number).ToListAsync(cancellationToken);
        }

        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ImportParallelism, CancellationToken = cancellationToken },
            (number, ct) => new ValueTask(ImportRowAsync(importId, number, folder, ct)));

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IngestDbContext>();
            var import = await db.Imports.FirstAsync(i => i.Id == importId, cancellationToken);
            import.State = ImportState.Completed;
            import.FinishedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Import {Import} finished ({Count} rows processed)", importId, pending.Count);
    }

    private async Task ImportRowAsync(Guid importId, int number, string folder, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IngestDbContext>();
        var import = await db.Imports.AsNoTracking().FirstAsync(i => i.Id == importId, cancellationToken);
        var row = await db.ImportRows.FirstAsync(r => r.ImportId == importId && r.Number == number, cancellationToken);
        var path = Path.GetFullPath(Path.Combine(folder, row.File));
        var file = new FileInfo(path);
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            Finish(row, ImportRowState.Failed, null, "the file path leaves the import folder");
        }
        else if (!file.Exists)
        {
            Finish(row, ImportRowState.Failed, null, "file not found");
        }
        else
        {
            var key = LessonManifest.FileKey(file);
            var earlier = await db.ImportedFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Key == key, cancellationToken);
            if (earlier is not null)
            {
                Finish(row, ImportRowState.Skipped, earlier.LessonId, earlier.Accepted ? "imported earlier" : "rejected earlier: " + earlier.Error);
            }
            else
            {
                await ImportFileAsync(scope.ServiceProvider, import, row, file, key, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task ImportFileAsync(IServiceProvider services, LibraryImport import, LibraryImportRow row, FileInfo file, string key, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IngestDbContext>();
        try
        {
            var metadata = new Dictionary<string, string>(row.Metadata) { ["filename"] = file.Name };
            var upload = row.UploadId is { } existing
                ? await db.Uploads.AsNoTracking().FirstAsync(u => u.Id == existing, cancellationToken)
                : await services.GetRequiredService<UploadReceiver>().ImportFileAsync(import.OwnerId, import.OrganisationId, file, metadata, cancellationToken);
            row.UploadId = upload.Id;
            await db.SaveChangesAsync(cancellationToken);

            // Validation runs in the background queue; an import waits for each verdict to report it.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (upload.State is UploadState.Receiving or UploadState.Validating && clock.Elapsed < TimeSpan.FromMinutes(30))
            {
                await Task.Delay(100, cancellationToken);
                upload = await db.Uploads.AsNoTracking().FirstAsync(u => u.Id == upload.Id, cancellationToken);
            }

            var accepted = upload.State == UploadState.Accepted;
            Finish(row, accepted ? ImportRowState.Accepted : upload.State == UploadState.Rejected ? ImportRowState.Rejected : ImportRowState.Failed,
                upload.LessonId, upload.State == UploadState.Validating ? "validation did not finish in 30 minutes" : upload.Error);
            if (upload.State is UploadState.Accepted or UploadState.Rejected)
            {
                db.ImportedFiles.Add(new ImportedFile { Key = key, LessonId = upload.LessonId, Accepted = accepted, Error = upload.Error });
            }
        }
        catch (IOException e)
        {
            Finish(row, ImportRowState.Failed, null, e.Message);
        }
    }

    private static void Finish(LibraryImportRow row, ImportRowState state, Guid? lessonId, string? error)
    {
        row.State = state;
        row.LessonId = lessonId;
        row.Error = error;
    }
}

/// <summary>Import folders are named relative to the configured import root, and can never leave it.</summary>
internal static class ImportFolders
{
    public static string Root(IngestOptions options, IServiceProvider services) =>
        Path.GetFullPath(options.ImportRoot ?? Path.Combine(services.GetRequiredService<IOptions<Media.Platform.MediaOptions>>().Value.FullDataPath, "import"));

    public static string Resolve(IngestOptions options, IServiceProvider services, string relative)
    {
        var root = Root(options, services);
        var folder = Path.GetFullPath(Path.Combine(root, relative));
        return folder == root || folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? folder
            : throw new ArgumentException($"'{relative}' is outside the import root");
    }
}
