using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Media.Testing;

namespace Media.Catalog.Tests;

/// <summary>The same, read by the alternative engine (Debian's tesseract-ocr).</summary>
public sealed class SearchInsideWithTesseractTests() : SearchInsideTests("Tesseract")
{
    public override async ValueTask InitializeAsync()
    {
        var languages = await TestProcess.RunAsync("tesseract", ["--list-langs"]).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.Output + t.Result.Errors : "", Ct);
        TestEnvironment.RequireService(languages.Contains("chi_sim", StringComparison.Ordinal), "tesseract-ocr with chi_sim is not installed (apt: tesseract-ocr tesseract-ocr-chi-sim).");
    }
}

/// <summary>
/// Search inside the lesson on the real host: a lesson made with ffmpeg drawtext shows 勾股定理的证明 from 00:40 to 01:10,
/// the default engine (PaddleOCR v4) reads it after publishing, and a caption track says 同学们请看黑板 at 00:12; both are
/// found with their times. A title card prefills the lesson and a card of another subject fails review's technical check.
/// </summary>
public class SearchInsideTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("search-inside");
    private readonly MediaServerFactory _server;

    public SearchInsideTests()
        : this("PaddleOcr")
    {
    }

    protected SearchInsideTests(string engine) => _server = new MediaServerFactory().With("Media:Recognition:Engine", engine);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync()
    {
        var models = Path.Combine(AppContext.BaseDirectory, "models", "paddleocr", "ch_PP-OCRv4_rec_infer.onnx");
        Assert.True(File.Exists(models), $"{models} is missing: the build copies the PaddleOCR models from server/Media.Server/node_modules (npm ci).");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SlideTextAndCaptions_AreFoundWithTheirTimes_AndListedForThePlayer()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var student = await _server.CreateClientForAsync("student");
        var video = Path.Combine(_folder.Path, "slides.mp4");
        await SlideLessonAsync(video);
        var lessonId = await LessonApi.PublishAsync(teacher, video, "直角三角形三边的关系");

        var captions = new StringContent("WEBVTT\n\n00:00:12.000 --> 00:00:15.500\n<v 张老师>同学们请看黑板</v>\n", Encoding.UTF8, "text/vtt");
        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsync($"/api/lessons/{lessonId}/captions/zh-CN?label=中文", captions, Ct)).StatusCode);

        var shown = await WaitForMomentAsync(student, "勾股定理", lessonId);
        Assert.InRange(shown.GetProperty("startSeconds").GetDouble(), 35, 45);
        Assert.Equal("screen", shown.GetProperty("source").GetString());
        Assert.Contains("<em>", shown.GetProperty("highlight").GetString(), StringComparison.Ordinal);

        var said = await WaitForMomentAsync(student, "同学们请看黑板", lessonId);
        Assert.Equal(12, said.GetProperty("startSeconds").GetDouble());
        Assert.Equal("captions", said.GetProperty("source").GetString());

        var transcript = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}/transcript", Ct);
        var tracks = transcript.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal(["captions:zh-CN", "screen"], tracks.Select(t => t.GetProperty("track").GetString()));
        Assert.Contains(tracks[1].GetProperty("lines").EnumerateArray(), l => l.GetProperty("text").GetString()!.Contains("勾股定理", StringComparison.Ordinal));

        var status = await teacher.GetFromJsonAsync<JsonElement>($"/api/transcodes/{lessonId}", Ct);
        Assert.Equal("done", status.GetProperty("screenText").GetProperty("state").GetString());

        // Removing the captions takes their words out of search; the slide's stay.
        Assert.Equal(HttpStatusCode.NoContent, (await teacher.DeleteAsync($"/api/lessons/{lessonId}/captions/zh-CN", Ct)).StatusCode);
        Assert.DoesNotContain(await ItemsAsync(student, "同学们请看黑板"), i => i.GetProperty("id").GetGuid() == lessonId);
    }

    [Fact]
    public async Task TitleCard_PrefillsWhatTheTeacherLeftEmpty_AndACardOfAnotherSubjectFailsTheTechnicalCheck()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var admin = await _server.CreateClientForAsync("admin");
        var untitled = Path.Combine(_folder.Path, "VID_20261201_0930.mp4");
        await TitleCardLessonAsync(untitled, "语文");
        var filedAsChinese = Path.Combine(_folder.Path, "maths-card.mp4");
        await TitleCardLessonAsync(filedAsChinese, "数学");

        var prefilled = await LessonApi.PublishAsync(teacher, untitled);
        var lesson = await WaitForAsync(teacher, $"/api/lessons/{prefilled}", l => l.GetProperty("titleCard").ValueKind == JsonValueKind.Object);
        Assert.Equal(("背影", "八年级上册", "人教版", "语文", "张老师"), (lesson.GetProperty("title").GetString(), lesson.GetProperty("volume").GetString(),
            lesson.GetProperty("edition").GetString(), lesson.GetProperty("subject").GetString(), lesson.GetProperty("teacher").GetString()));
        Assert.Equal(("八年级", "初中"), (lesson.GetProperty("grade").GetString(), lesson.GetProperty("stage").GetString()));

        var uploaded = await LessonApi.UploadAsync(teacher, filedAsChinese, "背影（第一课时）", new Dictionary<string, string> { ["subject"] = "语文" });
        var mismatched = Guid.Parse((await LessonApi.WaitForLessonAsync(teacher, uploaded)).GetProperty("id").GetString()!);
        var kept = await WaitForAsync(teacher, $"/api/lessons/{mismatched}", l => l.GetProperty("titleCard").ValueKind == JsonValueKind.Object);
        Assert.Equal(("背影（第一课时）", "语文"), (kept.GetProperty("title").GetString(), kept.GetProperty("subject").GetString()));
        Assert.Equal("数学", kept.GetProperty("titleCard").GetProperty("subject").GetString());

        var campaign = await admin.PostAsJsonAsync("/api/review/campaigns", new
        {
            name = "2026年一师一优课", year = 2026, levels = new[] { "school" }, reviewersPerEntry = 1,
            standard = new { minMinutes = 0.01, maxMinutes = 45, minWidth = 160, minHeight = 120, minKbps = 1, videoCodec = "h264", audioCodec = "aac" },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        var campaignId = (await campaign.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        // Review hears of the card through its own delivery of the event, which may come a little after the catalog's.
        static List<string> Failures(JsonElement mine, Guid lessonId) =>
            mine.EnumerateArray().Single(l => l.GetProperty("lessonId").GetGuid() == lessonId).GetProperty("failures").EnumerateArray().Select(f => f.GetString()!).ToList();
        var mine = await WaitForAsync(teacher, $"/api/review/campaigns/{campaignId}/lessons/mine",
            m => Failures(m, mismatched).Any(f => f.Contains("片头", StringComparison.Ordinal)));
        Assert.Contains(Failures(mine, mismatched), f => f.Contains("「数学」", StringComparison.Ordinal) && f.Contains("「语文」", StringComparison.Ordinal));
        Assert.DoesNotContain(Failures(mine, prefilled), f => f.Contains("片头", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transcript_SomeoneWhoMayNotSeeTheLesson_Gets404()
    {
        var student = await _server.CreateClientForAsync("student");

        var response = await student.GetAsync($"/api/lessons/{Guid.NewGuid()}/transcript", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A slide lesson: a dark board with a title until 00:40, then 勾股定理的证明 until 01:10, then a summary; a tone throughout.</summary>
    private static async Task SlideLessonAsync(string path)
    {
        var font = (await TestProcess.RunAsync("fc-match", ["-f", "%{file}", ":lang=zh-cn"])).Output.Trim();
        var text = (string words, int size, string when) =>
            $"drawtext=fontfile='{font}':text='{words}':fontsize={size}:fontcolor=white:x=(w-tw)/2:y=(h-th)/2:enable='{when}'";
        await Ffmpeg.RunAsync(
            "-f", "lavfi", "-i", "color=c=0x1f4e3d:s=640x360:r=10:d=85", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=85",
            "-vf", string.Join(',', text("第一课时 导入", 36, "lt(t,40)"), text("勾股定理的证明", 40, "between(t,40,70)"), text("课堂小结", 36, "gt(t,70)")),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", path);
    }

    /// <summary>A 一师一优课 recording's opening: a title card on a light background for 8 s, then the lesson.</summary>
    private static async Task TitleCardLessonAsync(string path, string subject)
    {
        var font = (await TestProcess.RunAsync("fc-match", ["-f", "%{file}", ":lang=zh-cn"])).Output.Trim();
        var lines = new[] { "课题：背影", "八年级上册 人教版", subject, "济南市历下实验中学", "张老师" };
        var card = lines.Select((words, n) =>
            $"drawtext=fontfile='{font}':text='{words}':fontsize={(n == 0 ? 40 : 30)}:fontcolor=0x202020:x=(w-tw)/2:y={50 + n * 60}:enable='lt(t,8)'");
        await Ffmpeg.RunAsync(
            "-f", "lavfi", "-i", "color=c=0xf4f1e8:s=640x360:r=10:d=20", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=20",
            "-vf", string.Join(',', card) + $",drawtext=fontfile='{font}':text='导入':fontsize=36:fontcolor=black:x=60:y=60:enable='gte(t,8)'",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", path);
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string url, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var value = await client.GetFromJsonAsync<JsonElement>(url, Ct);
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} never reached the expected state: {value}");
            }

            await Task.Delay(500, Ct);
        }
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string words)
    {
        var result = await client.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=" + Uri.EscapeDataString(words), Ct);
        return result.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>Searches until the lesson comes back with a moment (reading the slides runs after publishing).</summary>
    private static async Task<JsonElement> WaitForMomentAsync(HttpClient client, string words, Guid lessonId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var hit = (await ItemsAsync(client, words)).FirstOrDefault(i => i.GetProperty("id").GetGuid() == lessonId);
            if (hit.ValueKind == JsonValueKind.Object && hit.GetProperty("moments").GetArrayLength() > 0)
            {
                return hit.GetProperty("moments")[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{words}' never found inside lesson {lessonId}.");
            }

            await Task.Delay(500, Ct);
        }
    }
}
