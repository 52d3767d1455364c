using System.Globalization;
using Media.Catalog.Lessons;
using Media.Catalog.Taxonomy;
using Media.Transcoding.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Demo;

/// <summary>
/// Generates a realistic library (textbook taxonomy, lessons by many teachers and schools, awards, views and
/// ratings) so that a new instance shows a full catalog. Deterministic for a given seed. Demo lessons are
/// catalog entries without video (owned by <see cref="Owner"/>); real uploads sit beside them.
/// </summary>
internal sealed class DemoLibrary(CatalogDbContext db)
{
    /// <summary>The owner of generated lessons, a user that does not exist: nobody can edit them.</summary>
    public static readonly Guid Owner = new("00000000-0000-0000-0000-00000000de70");

    public const string SourceKeyPrefix = "demo/";

    public async Task<int> AddToEmptyCatalogAsync(int count, CancellationToken cancellationToken)
    {
        if (await db.Lessons.AnyAsync(cancellationToken))
        {
            return 0;
        }

        if (!await db.TaxonomyNodes.AnyAsync(cancellationToken))
        {
            db.TaxonomyNodes.AddRange(Taxonomy());
            await db.SaveChangesAsync(cancellationToken);
        }

        var added = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var batch in Generate(count).Chunk(2_000))
        {
            db.Lessons.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            added += batch.Length;
        }

        return added;
    }

    /// <summary>Every volume: the real ones and the same contents under other publishers' names.</summary>
    public static IReadOnlyList<DemoTextbooks.Volume> Volumes { get; } = DemoTextbooks.Volumes
        .Concat(DemoTextbooks.Volumes.SelectMany(v => DemoTextbooks.OtherEditions.GetValueOrDefault(v.Subject, [])
            .Where(e => e != v.Edition && !(v.Stage == "高中" && e == "苏科版"))
            .Select(e => v with { Edition = e })))
        .ToList();

    public static List<TaxonomyNode> Taxonomy()
    {
        var nodes = new List<TaxonomyNode>();
        var byPath = new Dictionary<string, TaxonomyNode>(StringComparer.Ordinal);
        TaxonomyNode Node(TaxonomyNode? parent, TaxonomyLevel level, string name)
        {
            var path = $"{parent?.Id}/{name}";
            if (!byPath.TryGetValue(path, out var node))
            {
                var position = nodes.Count(n => n.ParentId == parent?.Id);
                node = new TaxonomyNode { Id = Guid.NewGuid(), ParentId = parent?.Id, Level = level, Name = name, Position = position };
                byPath[path] = node;
                nodes.Add(node);
            }

            return node;
        }

        foreach (var stage in new[] { "小学", "初中", "高中", "中职" })
        {
            Node(null, TaxonomyLevel.Stage, stage);
        }

        foreach (var volume in Volumes)
        {
            var grade = Node(Node(null, TaxonomyLevel.Stage, volume.Stage), TaxonomyLevel.Grade, volume.Grade);
            var edition = Node(Node(grade, TaxonomyLevel.Subject, volume.Subject), TaxonomyLevel.Edition, volume.Edition);
            var book = Node(edition, TaxonomyLevel.Volume, volume.Name);
            foreach (var unit in volume.Units)
            {
                var unitNode = Node(book, TaxonomyLevel.Unit, unit.Name);
                foreach (var lesson in unit.Lessons)
                {
                    Node(unitNode, TaxonomyLevel.Lesson, lesson);
                }
            }
        }

        return nodes;
    }

    public static IEnumerable<Lesson> Generate(int count, int seed = 2026)
    {
        var random = new Random(seed);
        var places = Volumes.SelectMany(v => v.Units.SelectMany(u => u.Lessons.Select(l => (Volume: v, Unit: u.Name, Lesson: l)))).ToArray();
        // In UTC: PostgreSQL stores timestamptz from UTC values only.
        var epoch = new DateTimeOffset(2014, 9, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        for (var i = 0; i < count; i++)
        {
            var (volume, unit, lessonName) = places[random.Next(places.Length)];
            var focus = DemoTextbooks.Focus.GetValueOrDefault(volume.Subject, ["课堂实录"]);
            var focusText = focus[random.Next(focus.Length)];
            var pattern = DemoTextbooks.TitlePatterns[random.Next(DemoTextbooks.TitlePatterns.Length)];
            var title = string.Format(CultureInfo.InvariantCulture, pattern, lessonName, volume.Edition + volume.Name, focusText);
            var teacher = DemoTextbooks.Surnames[random.Next(DemoTextbooks.Surnames.Length)] + DemoTextbooks.GivenNames[random.Next(DemoTextbooks.GivenNames.Length)];
            var (_, city, districts) = DemoTextbooks.Regions[random.Next(DemoTextbooks.Regions.Length)];
            var district = districts[random.Next(districts.Length)];
            var school = volume.Stage switch
            {
                "小学" => random.Next(3) == 0 ? $"{city}{district}实验小学" : $"{city}{district}第{random.Next(1, 12)}小学",
                "中职" => $"{city}职业中等专业学校",
                "高中" => $"{city}第{random.Next(1, 20)}中学",
                _ => random.Next(4) == 0 ? $"{city}{district}实验中学" : $"{city}第{random.Next(1, 60)}中学",
            };
            var published = epoch.AddDays(random.Next(0, 365 * 11)).AddMinutes(random.Next(0, 24 * 60));
            var duration = 2_400 + random.Next(0, 300);
            var ratings = random.Next(0, 40);
            var id = new Guid(random.GetItems<byte>(Bytes, 16));
            yield return new Lesson
            {
                Id = id,
                Title = title,
                Status = LessonStatus.Published,
                OwnerId = Owner,
                Stage = volume.Stage,
                Grade = volume.Grade,
                Subject = volume.Subject,
                Edition = volume.Edition,
                Volume = volume.Name,
                Unit = unit,
                LessonName = lessonName,
                Teacher = teacher,
                TeacherTitle = Weighted(random, DemoTextbooks.TeacherTitles),
                School = school,
                Region = city,
                Year = published.Year,
                AwardLevel = Weighted(random, DemoTextbooks.AwardLevels),
                Description = $"{teacher}老师执教{volume.Edition}{volume.Subject}{volume.Name}{unit}《{lessonName}》。本课以“{focusText}”为主线，设计了情境导入、自主学习、合作探究和当堂检测等环节。",
                Tags = [focusText, volume.Subject + "课堂实录"],
                Chapters =
                [
                    new ChapterMark(0, "情境导入"),
                    new ChapterMark(300, $"新课讲授：{lessonName}"),
                    new ChapterMark(1_200, "合作探究"),
                    new ChapterMark(2_100, "课堂小结与作业"),
                ],
                SourceBlobKey = SourceKeyPrefix + id.ToString("N"),
                Sha256 = "",
                DurationSeconds = duration,
                Width = 1280,
                Height = 720,
                Views = (int)(Math.Pow(random.NextDouble(), 4) * 20_000),
                Downloads = random.Next(0, 300),
                RatingCount = ratings,
                RatingSum = ratings == 0 ? 0 : ratings * 3 + random.Next(0, ratings * 2 + 1),
                PublishedAt = published,
                CreatedAt = published,
                UpdatedAt = published,
            };
        }
    }

    private static readonly byte[] Bytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

    private static string? Weighted(Random random, (string? Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return null;
    }
}
