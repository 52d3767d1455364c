using System.Globalization;
using Media.Catalog.Data;
using Media.Catalog.Lessons;
using Media.Ingest.Contracts;
using Media.Platform;
using Media.Platform.Identity;
using Media.Platform.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Media.Catalog.Demo;

/// <summary>
/// A demo that plays: at first start, a few short slide lessons (Chinese text on the slides, a tone) are made with ffmpeg
/// and submitted as the demo teacher through the same ingest, transcoding and publishing as any upload, so that a newcomer
/// has real lessons to watch next to the catalog-only library. Progress goes to the log until every one is published.
/// Each file is submitted once (a marker beside it), so a restart continues rather than repeats.
/// </summary>
internal sealed class DemoRecordings(
    IServiceScopeFactory scopes, IOptions<CatalogOptions> catalog, IOptions<DemoOptions> demo, IOptions<MediaOptions> media,
    FfmpegTools ffmpeg, MediaToolRunner tools, TimeProvider time, ILogger<DemoRecordings> logger) : BackgroundService
{
    internal const string DemoTeacher = "teacher";

    internal sealed record Slide(double Seconds, IReadOnlyList<string> Lines);

    internal sealed record Script(string File, IReadOnlyDictionary<string, string> Metadata, string Background, string Ink, int Tone, IReadOnlyList<Slide> Slides)
    {
        public string Title => Metadata[LessonMetadataKeys.Title];

        public double Seconds => Slides.Sum(s => s.Seconds);
    }

    private static Dictionary<string, string> Place(string title, string stage, string grade, string subject, string edition, string volume, string unit, string description) => new()
    {
        [LessonMetadataKeys.Title] = title, [LessonMetadataKeys.Stage] = stage, [LessonMetadataKeys.Grade] = grade,
        [LessonMetadataKeys.Subject] = subject, [LessonMetadataKeys.Edition] = edition, [LessonMetadataKeys.Volume] = volume,
        [LessonMetadataKeys.Unit] = unit, [LessonMetadataKeys.Lesson] = title, [LessonMetadataKeys.Teacher] = "张老师",
        [LessonMetadataKeys.School] = "济南市历下实验中学", [LessonMetadataKeys.Region] = "山东省济南市",
        [LessonMetadataKeys.Year] = "2026", [LessonMetadataKeys.Description] = description,
    };

    internal static IReadOnlyList<Script> Scripts { get; } =
    [
        new("gougu.mp4", Place("勾股定理", "初中", "八年级", "数学", "人教版", "八年级下册", "第十七章 勾股定理",
                "示范课（演示视频）：从赵爽弦图出发，探索直角三角形三边的关系。"),
            "0x1f4e3d", "white", 440,
            [
                new(8, ["课题：勾股定理", "八年级下册 人教版", "数学", "济南市历下实验中学", "张老师"]),
                new(14, ["一、情境导入", "赵爽弦图中的四个直角三角形"]),
                new(14, ["二、探索新知", "直角三角形两直角边的平方和等于斜边的平方", "a² + b² = c²"]),
                new(10, ["课堂小结", "勾股定理揭示了直角三角形三边的数量关系"]),
            ]),
        new("beiying.mp4", Place("背影", "初中", "八年级", "语文", "统编版", "八年级上册", "第四单元",
                "示范课（演示视频）：朱自清《背影》，品读父亲买橘子的细节描写。"),
            "0xf4f1e8", "0x202020", 392,
            [
                new(8, ["课题：背影", "八年级上册 统编版", "语文", "济南市历下实验中学", "张老师"]),
                new(14, ["一、初读课文", "文中写了几次背影？"]),
                new(14, ["二、品读细节", "父亲买橘子时的动作描写：探、攀、缩、倾"]),
                new(10, ["课堂小结", "朴素的文字中蕴含深沉的父爱"]),
            ]),
        new("guanghe.mp4", Place("光合作用吸收二氧化碳释放氧气", "初中", "七年级", "生物", "人教版", "七年级上册", "第三单元 生物圈中的绿色植物",
                "示范课（演示视频）：通过实验认识光合作用的原料、产物和条件。"),
            "0x17324d", "white", 523,
            [
                new(8, ["课题：光合作用吸收二氧化碳释放氧气", "七年级上册 人教版", "生物", "济南市历下实验中学", "张老师"]),
                new(14, ["一、实验回顾", "金鱼藻在光下产生的气体能使带火星的木条复燃"]),
                new(14, ["二、归纳概念", "二氧化碳 + 水 → 有机物 + 氧气（光，叶绿体）"]),
                new(10, ["课堂小结", "光合作用是生物圈中有机物和氧气的来源"]),
            ]),
        new("chun.mp4", Place("春", "初中", "七年级", "语文", "统编版", "七年级上册", "第一单元",
                "示范课（演示视频）：朱自清《春》，朗读与赏析春草图、春花图。"),
            "0x3d5a1f", "white", 349,
            [
                new(8, ["课题：春", "七年级上册 统编版", "语文", "济南市历下实验中学", "张老师"]),
                new(14, ["一、朗读感知", "盼春、绘春、赞春"]),
                new(14, ["二、赏析画面", "春草图 春花图 春风图 春雨图 迎春图"]),
                new(10, ["课堂小结", "抓住景物特点，调动多种感官写景"]),
            ]),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = catalog.Value.DemoRecordings;
        if (count == 0 || !demo.Value.Enabled)
        {
            return;
        }

        try
        {
            await PrepareAsync(Scripts.Take(count).ToList(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is ToolFailedException or ToolTimedOutException or IOException)
        {
            logger.LogError(e, "示范课：生成视频失败，首页只有无视频的目录条目");
        }
    }

    private async Task PrepareAsync(List<Script> scripts, CancellationToken cancellationToken)
    {
        Guid teacherId;
        Guid? organisationId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var teacher = await scope.ServiceProvider.GetRequiredService<UserDirectory>().FindByUserNameAsync(DemoTeacher, cancellationToken);
            if (teacher is null)
            {
                logger.LogWarning("示范课：没有演示教师账号 {User}，不生成示范课", DemoTeacher);
                return;
            }

            (teacherId, organisationId) = (teacher.Id, teacher.OrganisationId);
        }

        var folder = Path.Combine(media.Value.FullDataPath, "demo-recordings");
        Directory.CreateDirectory(folder);
        var font = await ChineseFontAsync(cancellationToken);
        if (font is null)
        {
            logger.LogWarning("示范课：找不到中文字体（fc-list :lang=zh），幻灯片上不写字。安装 fonts-wqy-microhei 可修复");
        }

        var number = 0;
        foreach (var script in scripts)
        {
            number++;
            var path = Path.Combine(folder, script.File);
            var marker = path + ".submitted";
            if (File.Exists(marker))
            {
                continue;
            }

            logger.LogInformation("示范课 {Number}/{Count}：正在生成《{Title}》（{Seconds} 秒）", number, scripts.Count, script.Title, script.Seconds);
            await MakeVideoAsync(script, font, path, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var upload = await scope.ServiceProvider.GetRequiredService<IFileIngest>()
                .SubmitAsync(path, teacherId, organisationId, script.Metadata, cancellationToken);
            await File.WriteAllTextAsync(marker, upload.ToString(), cancellationToken);
        }

        await ReportUntilPublishedAsync(teacherId, scripts, cancellationToken);
    }

    /// <summary>Logs each change in how many demo lessons are published, until all are (or have failed, or 30 minutes pass).</summary>
    private async Task ReportUntilPublishedAsync(Guid teacherId, List<Script> scripts, CancellationToken cancellationToken)
    {
        var titles = scripts.Select(s => s.Title).ToList();
        var deadline = time.GetUtcNow().AddMinutes(30);
        var reported = -1;
        while (time.GetUtcNow() < deadline)
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
                var states = await db.Lessons.AsNoTracking()
                    .Where(l => l.OwnerId == teacherId && l.ParentLessonId == null && titles.Contains(l.Title))
                    .Select(l => l.Status).ToListAsync(cancellationToken);
                var published = states.Count(s => s == LessonStatus.Published);
                var failed = states.Count(s => s == LessonStatus.Failed);
                if (published != reported)
                {
                    logger.LogInformation("示范课：{Published}/{Count} 已发布可播放（转码中 {Processing}）", published, scripts.Count, states.Count - published - failed);
                    reported = published;
                }

                if (published + failed >= scripts.Count)
                {
                    if (failed > 0)
                    {
                        logger.LogWarning("示范课：{Failed} 个转码失败，见上传页", failed);
                    }

                    return;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }
    }

    private async Task<string?> ChineseFontAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await tools.RunAsync(new ToolCommand("fc-list", [":lang=zh", "-f", "%{file}\n"]) { Timeout = TimeSpan.FromSeconds(20) }, cancellationToken);
            return result.Succeeded ? result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        }
        catch (ToolFailedException)
        {
            return null;
        }
    }

    /// <summary>720p slides, one after another, each its lines centred (the first larger), and a quiet tone: an H.264/AAC MP4.</summary>
    internal async Task MakeVideoAsync(Script script, string? font, string path, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        var start = 0.0;
        foreach (var slide in script.Slides)
        {
            var end = start + slide.Seconds;
            for (var line = 0; line < slide.Lines.Count && font is not null; line++)
            {
                var size = line == 0 ? 64 : 44;
                var y = 360 - (slide.Lines.Count * 80 / 2) + (line * 80);
                filters.Add(string.Create(CultureInfo.InvariantCulture,
                    $"drawtext=fontfile='{font}':text='{Escape(slide.Lines[line])}':fontsize={size}:fontcolor={script.Ink}:x=(w-tw)/2:y={y}:enable='between(t,{start},{end - 0.01})'"));
            }

            start = end;
        }

        var seconds = script.Seconds.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"color=c={script.Background}:s=1280x720:r=25:d={seconds}",
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency={script.Tone}:sample_rate=48000:duration={seconds}"),
            .. filters.Count > 0 ? new[] { "-vf", string.Join(',', filters) } : [],
            "-af", "volume=0.2",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "50",
            "-c:a", "aac", "-b:a", "96k", "-shortest", "-movflags", "+faststart", path,
        ];
        var result = await tools.RunAsync(new ToolCommand(ffmpeg.Options.FfmpegPath, arguments) { Timeout = TimeSpan.FromMinutes(5) }, cancellationToken);
        if (!result.Succeeded)
        {
            throw new ToolFailedException($"ffmpeg exited with {result.ExitCode}: {result.Tail(3)}");
        }
    }

    /// <summary>drawtext's text: its own escapes for the characters its option parser gives a meaning.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal)
            .Replace("'", "’", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal);
}
