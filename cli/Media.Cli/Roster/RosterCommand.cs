using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Media.Ingest.Contracts;
using Spectre.Console;

namespace Media.Cli.Roster;

/// <summary>
/// <c>media roster &lt;file.xlsx|csv&gt; [--apply]</c>: sends a school roster to <c>/api/admin/roster</c> with a progress
/// bar while it uploads and while the server works, prints what it would do (or did) and every refused line, and on
/// --apply writes the new accounts' initial passwords to a file readable only by its owner, never to the terminal.
/// </summary>
internal sealed class RosterCommand(HttpClient http, IAnsiConsole console)
{
    private const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly string[] PasswordColumns = ["displayName", "userName", "externalId", "initialPassword"];

    /// <summary>0 when it went through, 1 when the server refused the file (nothing was imported).</summary>
    public async Task<int> RunAsync(string file, bool apply, string passwordsPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new ManifestException($"no roster file at {file}");
        }

        var isExcel = file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        if (!isExcel && !file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new ManifestException("the roster must be .xlsx or .csv");
        }

        HttpResponseMessage? response = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var length = new FileInfo(file).Length;
                var upload = progress.AddTask($"uploading {Path.GetFileName(file)}", maxValue: Math.Max(1, length));
                var server = progress.AddTask(apply ? "importing on the server" : "checking on the server", autoStart: false).IsIndeterminate();
                await using var stream = File.OpenRead(file);
                using var content = new ProgressContent(stream, sent => upload.Value = sent, () =>
                {
                    upload.Value = upload.MaxValue;
                    upload.StopTask();
                    server.StartTask();
                });
                content.Headers.ContentType = new MediaTypeHeaderValue(isExcel ? ExcelType : "text/csv");
                response = await http.PostAsync($"/api/admin/roster?apply={(apply ? "true" : "false")}", content, cancellationToken);
                server.IsIndeterminate(false).Value = server.MaxValue;
                server.StopTask();
            });

        using (response)
        {
            var body = await response!.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                console.MarkupLine($"[red]Nothing was imported:[/] {Markup.Escape(body.GetProperty("detail").GetString() ?? "")}");
                PrintErrors(body.TryGetProperty("errors", out var errors) ? errors : default);
                return 1;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"the server answered {(int)response.StatusCode}: {body.GetRawText()}");
            }

            int Count(string name) => body.GetProperty(name).GetInt32();
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{(apply ? "[green]Imported[/]" : "Would import")}: {Count("created")} created, {Count("changed")} changed, {Count("unchanged")} unchanged, {Count("deactivated")} deactivated."));
            var refused = body.GetProperty("errors");
            PrintErrors(refused);
            if (!apply)
            {
                console.WriteLine(refused.GetArrayLength() > 0 ? "Fix these lines, then run again with --apply." : "Run again with --apply to import.");
                return refused.GetArrayLength() > 0 ? 1 : 0;
            }

            var passwords = body.GetProperty("people").EnumerateArray().Where(p => p.GetProperty("initialPassword").ValueKind == JsonValueKind.String).ToList();
            if (passwords.Count > 0)
            {
                await WritePasswordsAsync(passwordsPath, passwords, cancellationToken);
                console.WriteLine($"{passwords.Count} initial passwords written to {passwordsPath} (shown only this once; hand them out, then delete the file).");
            }

            return 0;
        }
    }

    private void PrintErrors(JsonElement errors)
    {
        if (errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return;
        }

        var table = new Table().AddColumn("line").AddColumn("problem");
        foreach (var error in errors.EnumerateArray().Take(200))
        {
            table.AddRow(error.GetProperty("line").GetInt32().ToString(CultureInfo.InvariantCulture), Markup.Escape(error.GetProperty("message").GetString() ?? ""));
        }

        console.Write(table);
        if (errors.GetArrayLength() > 200)
        {
            console.WriteLine($"… and {errors.GetArrayLength() - 200} more lines.");
        }
    }

    private static async Task WritePasswordsAsync(string path, List<JsonElement> people, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("姓名,用户名,学籍号/教职工号,初始密码\n");
        foreach (var person in people)
        {
            text.AppendJoin(',', PasswordColumns.Select(name => Csv(person.GetProperty(name).GetString() ?? ""))).Append('\n');
        }

        // Created readable by its owner only, before anything is written into it.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await file.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble(), cancellationToken);
        await file.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
    }

    private static string Csv(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>The file as the request body, telling how much has gone and when all of it has.</summary>
    private sealed class ProgressContent(Stream source, Action<long> sent, Action done) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read));
                total += read;
                sent(total);
            }

            done();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = source.Length;
            return true;
        }
    }
}
