using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Media.Cli.Import;
using Media.Cli.Roster;
using Media.Ingest.Contracts;
using Spectre.Console;

// media import <manifest.csv|json> <folder> [options]: bulk-imports a lesson library through the server's
// resumable upload API, so imported files go through the same validation as teachers' uploads.
// media roster <file.xlsx|csv> [--apply]: checks or imports a school roster through the server's roster API.
const string Usage = """
    usage: media import <manifest.csv|json> <folder> [options]
           media roster <roster.xlsx|csv> [--apply] [--passwords FILE] [options]
      --server URL       server address (default $MEDIA_SERVER or http://127.0.0.1:5000)
      --user NAME        user to sign in as (default $MEDIA_USER); --password PW (default $MEDIA_PASSWORD)
      --token TOKEN      an access token instead of user and password (default $MEDIA_TOKEN)
      --parallel N       files uploaded at once (default 4)
      --report FILE      per-row results (default <manifest>.report.csv)
      --state FILE       progress kept for re-runs (default <manifest>.import-state.json)
      --timeout SECONDS  how long to wait for each file's validation (default 600)
    Re-running the same import skips rows already accepted or rejected and resumes unfinished uploads.
    roster: without --apply the file is only checked (what would be created, changed, deactivated; every refused line);
    with it the file is imported whole or not at all, and new accounts' initial passwords go to --passwords
    (default <roster>.passwords.csv, readable by you only). Exit 1 when lines are refused.
    """;

try
{
    if (args.Length == 0 || args[0] is "-h" or "--help")
    {
        Console.WriteLine(Usage);
        return args.Length == 0 ? 2 : 0;
    }

    if (args[0] is not ("import" or "roster"))
    {
        throw new ManifestException($"unknown command '{args[0]}' (supported: import, roster)");
    }

    var positional = new List<string>();
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 1; i < args.Length; i++)
    {
        if (args[i] == "--apply")
        {
            options["apply"] = "true";
        }
        else if (args[i].StartsWith("--", StringComparison.Ordinal))
        {
            options[args[i][2..]] = i + 1 < args.Length ? args[++i] : throw new ManifestException($"option {args[i]} needs a value");
        }
        else
        {
            positional.Add(args[i]);
        }
    }

    var roster = args[0] == "roster";
    string[] known = roster
        ? ["server", "user", "password", "token", "apply", "passwords"]
        : ["server", "user", "password", "token", "parallel", "report", "state", "timeout"];
    if (options.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
    {
        throw new ManifestException($"unknown option --{unknown}");
    }

    if (positional.Count != (roster ? 1 : 2))
    {
        throw new ManifestException(roster
            ? "roster needs one file: media roster <roster.xlsx|csv> [--apply]"
            : "import needs a manifest and a folder: media import <manifest.csv|json> <folder>");
    }

    string? Option(string name, string environment) => options.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(environment);
    int Number(string name, int fallback) => options.TryGetValue(name, out var text)
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ManifestException($"--{name} must be a positive number")
        : fallback;

    // A manifest is read before anything goes to the server, so that its mistakes are told first.
    var rows = roster ? null : LessonManifest.Read(positional[0]);
    var server = Option("server", "MEDIA_SERVER") ?? "http://127.0.0.1:5000";
    if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri))
    {
        throw new ManifestException($"--server '{server}' is not a URL");
    }

    // A province's roster is checked in one request: the server may work for minutes before it answers.
    using var http = new HttpClient { BaseAddress = serverUri, Timeout = TimeSpan.FromMinutes(30) };
    var token = Option("token", "MEDIA_TOKEN") ?? await SignInAsync(http, Option("user", "MEDIA_USER"), Option("password", "MEDIA_PASSWORD"));
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    if (roster)
    {
        return await new RosterCommand(http, AnsiConsole.Console)
            .RunAsync(positional[0], options.ContainsKey("apply"), options.GetValueOrDefault("passwords") ?? positional[0] + ".passwords.csv", CancellationToken.None);
    }

    var manifestPath = positional[0];

    var settings = new ImportSettings(
        positional[1],
        options.GetValueOrDefault("state") ?? manifestPath + ".import-state.json",
        options.GetValueOrDefault("report") ?? manifestPath + ".report.csv",
        Number("parallel", 4),
        TimeSpan.FromSeconds(Number("timeout", 600)));
    var summary = await new ImportRunner(new TusUploader(http, 8 << 20), settings, AnsiConsole.Console).RunAsync(rows!, CancellationToken.None);
    Console.WriteLine($"{summary.Accepted} accepted, {summary.Skipped} skipped, {summary.Failed} failed; report: {settings.ReportPath}");
    return summary.Failed == 0 ? 0 : 1;
}
catch (ManifestException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 2;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine("error: the server cannot be used: " + e.Message);
    return 2;
}

static async Task<string> SignInAsync(HttpClient http, string? user, string? password)
{
    if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
    {
        throw new ManifestException("sign in with --user and --password (or --token)");
    }

    using var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password });
    if (!response.IsSuccessStatusCode)
    {
        throw new ManifestException($"signing in as '{user}' failed ({(int)response.StatusCode})");
    }

    var body = await response.Content.ReadFromJsonAsync<TokenBody>();
    return body?.AccessToken ?? throw new ManifestException("the server returned no token");
}

internal sealed record TokenBody(string AccessToken);
