using System.Globalization;
using System.Text;
using Spectre.Console;

using Media.Ingest.Contracts;

namespace Media.Cli.Import;

/// <summary>Imports a manifest's rows with bounded parallelism, showing progress and writing a per-row report.</summary>
internal sealed class ImportRunner(TusUploader uploader, ImportSettings settings, IAnsiConsole console)
{
    public async Task<ImportSummary> RunAsync(IReadOnlyList<ManifestRow> rows, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(settings.Folder);
        if (!Directory.Exists(folder))
        {
            throw new ManifestException($"folder '{settings.Folder}' does not exist");
        }

        var state = ImportState.Load(settings.StatePath);
        var results = new RowResult[rows.Count];
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var overall = context.AddTask($"importing {rows.Count} lessons", maxValue: rows.Count);
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, rows.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
                    async (index, ct) =>
                    {
                        results[index] = await ImportRowAsync(rows[index], folder, state, ct);
                        overall.Increment(1);
                        overall.Description = Describe(results);
                    });
            });

        await WriteReportAsync(results, cancellationToken);
        return new ImportSummary(
            results.Count(r => r.Outcome == "accepted"),
            results.Count(r => r.Outcome.StartsWith("skipped", StringComparison.Ordinal)),
            results.Count(r => r.Outcome is "rejected" or "error"));
    }

    private async Task<RowResult> ImportRowAsync(ManifestRow row, string folder, ImportState state, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(folder, row.File));
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return new RowResult(row, "error", null, "the file path leaves the import folder");
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return new RowResult(row, "error", null, "file not found");
        }

        var key = LessonManifest.FileKey(file);
        var previous = state.Get(key);
        if (previous is { Status: "accepted" or "rejected" })
        {
            return new RowResult(row, "skipped (" + previous.Status + " earlier)", previous.LessonId, previous.Error);
        }

        try
        {
            var metadata = new Dictionary<string, string>(row.Metadata) { [LessonMetadataKeys.FileName] = file.Name };
            var url = await uploader.UploadAsync(file, metadata, previous?.UploadUrl,
                created => state.Set(key, new RowState("uploading", created, null, null)), _ => { }, cancellationToken);
            var verdict = await uploader.WaitForVerdictAsync(url, settings.VerdictTimeout, cancellationToken);
            if (verdict.State is "accepted" or "rejected")
            {
                state.Set(key, new RowState(verdict.State, url, verdict.LessonId, verdict.Error));
            }

            return new RowResult(row, verdict.State is "accepted" or "rejected" ? verdict.State : "error", verdict.LessonId, verdict.Error);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return new RowResult(row, "error", null, e.Message);
        }
    }

    private async Task WriteReportAsync(RowResult[] results, CancellationToken cancellationToken)
    {
        var report = new StringBuilder("row,file,result,lessonId,error\n");
        foreach (var result in results)
        {
            report.Append(CultureInfo.InvariantCulture, $"{result.Row.Number},{CsvRows.Escape(result.Row.File)},{CsvRows.Escape(result.Outcome)},{result.LessonId},{CsvRows.Escape(result.Error)}\n");
        }

        await File.WriteAllTextAsync(settings.ReportPath, report.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);
    }

    private static string Describe(RowResult?[] results)
    {
        var done = results.Where(r => r is not null).ToList();
        return $"accepted {done.Count(r => r!.Outcome == "accepted")} · skipped {done.Count(r => r!.Outcome.StartsWith("skipped", StringComparison.Ordinal))} · failed {done.Count(r => r!.Outcome is "rejected" or "error")}";
    }
}

internal sealed record ImportSettings(string Folder, string StatePath, string ReportPath, int Parallelism, TimeSpan VerdictTimeout);

internal sealed record RowResult(ManifestRow Row, string Outcome, Guid? LessonId, string? Error);

internal sealed record ImportSummary(int Accepted, int Skipped, int Failed);
