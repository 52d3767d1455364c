using System.Diagnostics;
using System.Globalization;
using Media.Ingest.Contracts;
using Media.Platform.Tools;
using Media.Transcoding;
using Media.Transcoding.Jobs;
using Media.Transcoding.Planning;
using Media.Transcoding.Recognition;
using Microsoft.Extensions.Options;

/// <summary>
/// On-screen text (OCR), PaddleOCR v4 against Tesseract on the same frames: character accuracy and seconds per frame on generated frames with known text (fonts, sizes, slide
/// and blackboard colours, blur, noise, a slight perspective), then OCR of a slide lesson as a share of its transcode.
/// </summary>
internal static class OcrBenchmark
{
    private static readonly string[] Phrases =
    [
        "勾股定理的证明", "直角三角形两条直角边的平方和等于斜边的平方", "背影 朱自清", "第四单元 散文阅读", "光合作用吸收二氧化碳释放氧气",
        "一元二次方程的解法", "课堂小结", "学习目标", "合作探究", "板书设计", "三峡 郦道元", "细胞是生命活动的基本单位",
        "中华人民共和国的成立", "牛顿第一定律", "作业布置：课本第52页练习1、2", "化学方程式的书写", "春 朱自清 品味语言",
        "有理数的加法法则", "Unit 3 My School", "What's your name?", "函数y=kx+b的图像", "欧姆定律 I=U/R", "比较分数的大小",
        "长江三峡水利枢纽", "古诗三首 静夜思", "认识人民币 1元=10角", "物质的量浓度", "等腰三角形的性质", "秦统一中国", "凸透镜成像规律",
    ];

    private sealed record Style(string Name, string Background, string Ink, bool Board);

    private static readonly Style[] Styles =
    [
        new("slide-white", "white", "black", false),
        new("slide-blue", "0xf3f6fb", "0x1a3a7a", false),
        new("board-green", "0x1f4e3d", "white", true),
        new("board-black", "0x222222", "0xf5e66b", true),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = UploadBenchmark.Option(args, "--frames", 200);
        var lessonSeconds = UploadBenchmark.Option(args, "--lesson-seconds", 180);
        var fonts = (await OutputOfAsync("fc-list", ":lang=zh", "file")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.TrimEnd(':')).Where(f => f.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        if (fonts.Count == 0)
        {
            Console.Error.WriteLine("no CJK font found (fc-list :lang=zh); install fonts-wqy-microhei");
            return 1;
        }

        var models = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "server", "Media.Server", "node_modules", "@gutenye", "ocr-models", "assets");
        var options = Options.Create(new RecognitionOptions { PaddleModelPath = Path.GetFullPath(models) });
        using var paddle = new PaddleOcrReader(options);
        IScreenTextEngine[] engines = [paddle, new TesseractReader(new MediaToolRunner(), options)];
        foreach (var engine in engines)
        {
            if (await engine.MissingAsync(CancellationToken.None) is { } missing)
            {
                Console.Error.WriteLine($"{engine.Name}: {missing}");
                return 1;
            }
        }

        var work = Directory.CreateTempSubdirectory("media-ocr-").FullName;
        try
        {
            Console.WriteLine($"ocr benchmark: {count} generated 1280x720 frames, {fonts.Count} font(s): {string.Join(", ", fonts.Select(Path.GetFileName))}");
            var frames = new List<(string Path, Style Style, int Size, bool Degraded, string Expected)>();
            for (var i = 0; i < count; i++)
            {
                var style = Styles[i % Styles.Length];
                var size = new[] { 28, 36, 48, 64 }[(i / Styles.Length) % 4];
                var degraded = i % 3 == 2;
                var lines = new[] { Phrases[i % Phrases.Length], Phrases[(i * 7 + 3) % Phrases.Length] };
                var frame = Path.Combine(work, $"frame{i:000}.bmp");
                await FrameAsync(frame, lines, fonts[i % fonts.Count], size, style, degraded);
                frames.Add((frame, style, size, degraded, Compact(string.Concat(lines))));
            }

            foreach (var engine in engines)
            {
                Console.WriteLine($"{engine.Name}:");
                var results = new List<(Style Style, int Size, bool Degraded, int Chars, int Errors, double Seconds)>();
                foreach (var (path, style, size, degraded, expected) in frames)
                {
                    var clock = Stopwatch.StartNew();
                    var read = await engine.ReadAsync(path, CancellationToken.None);
                    results.Add((style, size, degraded, expected.Length, Distance(expected, Compact(string.Concat(read))), clock.Elapsed.TotalSeconds));
                }

                Print("all frames", results);
                Print("slides", results.Where(r => !r.Style.Board));
                Print("blackboards", results.Where(r => r.Style.Board));
                Print("clean (no blur/noise/perspective)", results.Where(r => !r.Degraded));
                Print("blur + noise + perspective", results.Where(r => r.Degraded));
                foreach (var size in results.Select(r => r.Size).Distinct().Order())
                {
                    Print($"{size} px text", results.Where(r => r.Size == size));
                }
            }

            await ShareOfTranscodeAsync(work, fonts[0], lessonSeconds, engines);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Print(string name, IEnumerable<(Style Style, int Size, bool Degraded, int Chars, int Errors, double Seconds)> results)
    {
        var list = results.ToList();
        var chars = list.Sum(r => r.Chars);
        var accuracy = 100.0 * Math.Max(0, chars - list.Sum(r => r.Errors)) / chars;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-36} frames {list.Count,4}  character accuracy {accuracy,6:0.0} %  seconds/frame {list.Average(r => r.Seconds):0.00}"));
    }

    /// <summary>A slide lesson (a slide every 20 s, a moving teacher-sized box): the product's transcode, then its OCR pass with each engine.</summary>
    private static async Task ShareOfTranscodeAsync(string work, string font, int seconds, IScreenTextEngine[] engines)
    {
        var source = Path.Combine(work, "slides.mp4");
        var slides = Enumerable.Range(0, (seconds + 19) / 20).Select(n =>
            $"drawtext=fontfile='{font}':text='{Phrases[n % Phrases.Length]}':fontsize=48:fontcolor=black:x=120:y=160:enable='between(t,{n * 20},{n * 20 + 20})'");
        await LadderBenchmark.FfmpegAsync("-f", "lavfi", "-i", $"color=c=white:s=1280x720:r=25:d={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=220:sample_rate=48000:duration={seconds}",
            "-vf", string.Join(',', slides) + ",drawbox=x='900+mod(t*20\\,200)':y=360:w=160:h=360:color=0xc8a47e:t=fill",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", source);
        var options = new TranscodingOptions();
        var plan = LadderPlanner.Plan(new MediaFacts("mp4", seconds, 1280, 720, 25, "h264", "aac", 0), options);
        var ffmpeg = new FfmpegRunner(new FfmpegTools(Options.Create(new FfmpegOptions()), new MediaToolRunner()), new MediaToolRunner());
        var ladder = Directory.CreateDirectory(Path.Combine(work, "ladder")).FullName;
        var transcode = await LadderBenchmark.TimeAsync(() => ffmpeg.RunAsync(FfmpegCommands.HlsLadder(source, ladder, plan, options), seconds, null, CancellationToken.None));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lesson of {seconds} s, 1280x720, a slide every 20 s: transcode {transcode.TotalSeconds:0.0} s ({plan.Rungs.Count} rungs)"));
        foreach (var engine in engines)
        {
            var frames = Directory.CreateDirectory(Path.Combine(work, "frames-" + engine.Name)).FullName;
            var read = 0;
            var ocr = await LadderBenchmark.TimeAsync(async () =>
            {
                var log = await ffmpeg.RunForLogAsync(FfmpegCommands.ScreenFrames(source, frames, ScreenFrames.IntervalFor(seconds, new RecognitionOptions())), CancellationToken.None);
                foreach (var image in Directory.EnumerateFiles(frames, "f*.bmp").Order(StringComparer.Ordinal).Take(ScreenFrames.TimesOf(log).Count))
                {
                    await engine.ReadAsync(image, CancellationToken.None);
                    read++;
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {engine.Name}: OCR {ocr.TotalSeconds:0.0} s ({read} frames read) = {100 * ocr.TotalSeconds / transcode.TotalSeconds:0.0} % of the transcode"));
        }
    }

    private static Task FrameAsync(string path, string[] lines, string font, int size, Style style, bool degraded)
    {
        var draw = lines.Select((line, n) =>
            $"drawtext=fontfile='{font}':text='{line.Replace(":", "\\:", StringComparison.Ordinal).Replace("'", "’", StringComparison.Ordinal)}':fontsize={(n == 0 ? size : size * 3 / 4)}:fontcolor={style.Ink}:x=80:y={160 + n * size * 2}");
        var filters = string.Join(',', draw);
        if (degraded)
        {
            filters += ",gblur=sigma=1.2,noise=alls=14:allf=t,perspective=x0=0:y0=0:x1=W:y1=18:x2=0:y2=H:x3=W:y3=H-18:sense=destination";
        }

        return LadderBenchmark.FfmpegAsync("-f", "lavfi", "-i", $"color=c={style.Background}:s=1280x720:d=1", "-vf", filters, "-frames:v", "1", "-pix_fmt", "bgr24", path);
    }

    /// <summary>The text without spaces or punctuation differences that OCR need not reproduce.</summary>
    private static string Compact(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static async Task<string> OutputOfAsync(string file, params string[] args)
    {
        var result = await new MediaToolRunner().RunAsync(new ToolCommand(file, args), CancellationToken.None);
        return result.Output;
    }
}
