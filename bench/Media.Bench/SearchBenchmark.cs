using System.Diagnostics;
using System.Globalization;
using Media.Catalog.Demo;
using Media.Catalog.Search;
using Microsoft.Data.Sqlite;

/// <summary>
/// Catalog search: the Lucene index (SmartCn + bigrams, facets from doc values) against the same queries as SQL
/// LIKE with GROUP BY facet counts on SQLite, on the same generated lessons, under the same concurrent clients.
/// </summary>
internal static class SearchBenchmark
{
    /// <summary>What the API adds to every query of a signed-in student: the audience tokens they hold (themselves, their role, class → school → county → city → province).</summary>
    private static readonly IReadOnlyCollection<string> Viewer =
    [
        Audiences.Public, Audiences.SignedIn, Audiences.User(Guid.NewGuid()), Audiences.Role("student"),
        .. Enumerable.Range(0, 5).Select(_ => Audiences.Organisation(Guid.NewGuid())),
    ];

    private static readonly (string? Text, (string Field, string Value)[] Filters)[] QueryMix =
    [
        ("背影", []),
        ("勾股定理", [(LessonFields.Subject, "数学")]),
        ("人教版 八年级上册", []),
        ("光合作用", []),
        (null, [(LessonFields.Subject, "语文"), (LessonFields.Grade, "八年级")]),
        ("三峡", [(LessonFields.Award, "市级优课")]),
        ("特级教师 背影", []),
        ("函数", [(LessonFields.Stage, "高中")]),
        ("实验探究", [(LessonFields.Subject, "物理")]),
        ("朗读", [(LessonFields.Region, "济南市")]),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes", "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var clients = int.Parse(Option(args, "--clients", "8"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds", "5"), CultureInfo.InvariantCulture);
        // --query N runs only the mix's Nth query (0-based): for profiling one of them.
        var only = Option(args, "--query", "");
        var rounds = int.Parse(Option(args, "--rounds", "1"), CultureInfo.InvariantCulture);
        var mix = only.Length > 0 ? [QueryMix[int.Parse(only, CultureInfo.InvariantCulture)]] : QueryMix;
        // --keep DIR keeps the generated indexes there and reuses them on the next run with the same size (the 1M index takes minutes to build).
        var keep = Option(args, "--keep", "");
        Console.WriteLine($"search benchmark: {clients} concurrent clients, {seconds} s per engine, {mix.Length} queries with facets (8 facet fields), page of 20");
        Console.WriteLine($"{"lessons",9} {"engine",-12} {"index s",8} {"queries/s",10} {"p50 ms",8} {"p99 ms",8}");
        foreach (var size in sizes)
        {
            var folder = keep.Length > 0 ? Directory.CreateDirectory(Path.Combine(keep, size.ToString(CultureInfo.InvariantCulture))) : Directory.CreateTempSubdirectory("media-search-bench-");
            try
            {
                // One lesson in twenty is open to its school only, so the audience filter the API adds has work to do.
                var schools = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
                Lazy<List<LessonDocument>>? lessons = new(() => DemoLibrary.Generate(size).Select(LessonIndexer.ToDocument)
                    .Select((lesson, i) => i % 20 == 0 ? lesson with { Audience = Audiences.OfLesson(Media.Streaming.Contracts.AccessLevel.School, schools[i % schools.Length], Guid.NewGuid()) } : lesson)
                    .ToList());

                var clock = Stopwatch.StartNew();
                using var lucene = new LuceneLessonIndex(Path.Combine(folder.FullName, "lucene"));
                var luceneIndexing = double.NaN;
                if (await lucene.CountAsync(CancellationToken.None) != size)
                {
                    _ = lessons!.Value; // generated outside the clock
                    clock.Restart();
                    await lucene.ReplaceAllAsync(lessons.Value.ToAsyncEnumerable(), CancellationToken.None);
                    luceneIndexing = clock.Elapsed.TotalSeconds;
                }

                var luceneOnly = args.Contains("--lucene-only");
                var database = Path.Combine(folder.FullName, "like.db");
                var sqlIndexing = double.NaN;
                if (!luceneOnly && !File.Exists(database))
                {
                    _ = lessons!.Value;
                    clock.Restart();
                    await FillSqliteAsync(database + ".partial", lessons.Value);
                    File.Move(database + ".partial", database);
                    sqlIndexing = clock.Elapsed.TotalSeconds;
                }

                // Neither engine should be measured with a million generated lessons still held in memory, nor while
                // the kernel writes the new index files back to disk.
                lessons = null;
                GC.Collect();
                if (!OperatingSystem.IsWindows())
                {
                    using var sync = Process.Start(new ProcessStartInfo("sync"))!;
                    await sync.WaitForExitAsync();
                }

                Func<int, Task> luceneQuery = i => lucene.SearchAsync(QueryOf(mix[i % mix.Length]), CancellationToken.None);
                var luceneRun = await LoadAsync(clients, seconds, luceneQuery);
                Print(size, "lucene", luceneIndexing, luceneRun);
                // --rounds N repeats the Lucene load: a rate that holds up over time, with the time spent in GC pauses.
                for (var round = 2; round <= rounds; round++)
                {
                    var pausedBefore = GC.GetTotalPauseDuration();
                    Print(size, $"lucene #{round}", double.NaN, await LoadAsync(clients, seconds, luceneQuery));
                    Console.WriteLine($"{"",9} {"",-12} GC paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:0.0} s of the round, heap {GC.GetTotalMemory(false) >> 20} MiB");
                }

                if (args.Contains("--per-query"))
                {
                    foreach (var (text, filters) in mix)
                    {
                        var query = QueryOf((text, filters));
                        var result = await lucene.SearchAsync(query, CancellationToken.None);
                        var timer = Stopwatch.StartNew();
                        for (var i = 0; i < 50; i++)
                        {
                            await lucene.SearchAsync(query, CancellationToken.None);
                        }

                        Console.WriteLine($"          {timer.Elapsed.TotalMilliseconds / 50,6:0.00} ms  {result.Total,7} hits  {text} {string.Join(' ', filters.Select(f => f.Field + "=" + f.Value))}");
                    }
                }

                if (luceneOnly)
                {
                    continue;
                }

                var sqlRun = await LoadAsync(clients, seconds, i => SqlSearchAsync(database, mix[i % mix.Length]));
                Print(size, "sql LIKE", sqlIndexing, sqlRun);
                Console.WriteLine($"{size,9} {"ratio",-12} {"",8} {luceneRun.PerSecond / sqlRun.PerSecond,9:0.0}x {"",8} {sqlRun.P99 / luceneRun.P99,7:0.0}x  (lucene vs LIKE: throughput, p99 speed-up)");
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (keep.Length == 0)
                {
                    folder.Delete(recursive: true);
                }
            }
        }

        return 0;
    }

    private sealed record Run(double PerSecond, double P50, double P99);

    /// <summary>A query of the mix as the API asks it for a signed-in student.</summary>
    private static LessonQuery QueryOf((string? Text, (string Field, string Value)[] Filters) query) =>
        new(query.Text, query.Filters.ToDictionary(f => f.Field, f => f.Value), Audience: Viewer);

    private static void Print(int size, string engine, double indexing, Run run) =>
        Console.WriteLine($"{size,9} {engine,-12} {(double.IsNaN(indexing) ? "kept" : indexing.ToString("0.0", CultureInfo.InvariantCulture)),8} {run.PerSecond,10:0} {run.P50,8:0.00} {run.P99,8:0.00}");

    /// <summary>
    /// Bounded load: each client runs queries back to back until the time is up. Before, the mix runs for up to a second
    /// (at least one query) so that first-use work — compiling, per-segment caches — is not measured as latency.
    /// </summary>
    private static async Task<Run> LoadAsync(int clients, double seconds, Func<int, Task> query)
    {
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i == 0 || warmUp.Elapsed < TimeSpan.FromSeconds(1); i++)
        {
            await query(i);
        }

        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            latencies[c] = [];
            for (var i = c; clock.Elapsed < until; i += clients)
            {
                var start = Stopwatch.GetTimestamp();
                await query(i);
                latencies[c].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Run(all.Length / clock.Elapsed.TotalSeconds, all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]);
    }

    private static async Task FillSqliteAsync(string database, List<LessonDocument> lessons)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE lessons (id TEXT PRIMARY KEY, title TEXT, body TEXT, stage TEXT, grade TEXT, subject TEXT, edition TEXT,
                    award TEXT, teacherTitle TEXT, region TEXT, year TEXT, views INTEGER, published INTEGER);
                CREATE INDEX lessons_subject ON lessons(subject);
                """;
            await create.ExecuteNonQueryAsync();
        }

        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO lessons VALUES ($id, $title, $body, $stage, $grade, $subject, $edition, $award, $teacherTitle, $region, $year, $views, $published)";
        var names = new[] { "$id", "$title", "$body", "$stage", "$grade", "$subject", "$edition", "$award", "$teacherTitle", "$region", "$year", "$views", "$published" };
        var parameters = names.Select(n => insert.Parameters.Add(new SqliteParameter(n, null))).ToArray();
        foreach (var l in lessons)
        {
            object?[] values = [l.Id.ToString("N"), l.Title, LessonFields.BodyOf(l), l.Stage, l.Grade, l.Subject, l.Edition, l.AwardLevel, l.TeacherTitle, l.Region,
                l.Year?.ToString(CultureInfo.InvariantCulture), l.Views, l.PublishedAt.UtcTicks];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The same query in SQL: every word LIKE-matched in title or body, a page ordered by views, then a GROUP BY per facet.</summary>
    private static async Task SqlSearchAsync(string database, (string? Text, (string Field, string Value)[] Filters) query)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        var where = new List<string> { "1 = 1" };
        var command = connection.CreateCommand();
        var words = SearchHighlighter.WordsOf(query.Text);
        for (var i = 0; i < words.Count; i++)
        {
            where.Add($"(title LIKE $w{i} OR body LIKE $w{i})");
            command.Parameters.AddWithValue($"$w{i}", $"%{words[i]}%");
        }

        for (var i = 0; i < query.Filters.Length; i++)
        {
            where.Add($"{query.Filters[i].Field} = $f{i}");
            command.Parameters.AddWithValue($"$f{i}", query.Filters[i].Value);
        }

        var condition = string.Join(" AND ", where);
        command.CommandText = $"SELECT id, title FROM lessons WHERE {condition} ORDER BY views DESC LIMIT 20;"
            + string.Concat(LessonFields.Facets.Select(f => $"SELECT {f}, COUNT(*) FROM lessons WHERE {condition} GROUP BY {f};"));
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
            }
        }
        while (await reader.NextResultAsync());
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
