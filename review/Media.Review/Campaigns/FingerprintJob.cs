using System.Globalization;
using System.Numerics;
using Hangfire;
using Media.Platform.Storage;
using Media.Platform.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Media.Review.Data;

namespace Media.Review.Campaigns;

/// <summary>
/// Fingerprints a submitted lesson's video and compares it with every other submitted lesson, so that re-submitted
/// or copied lessons (the same recording re-encoded, rescaled or renamed) are flagged to the level admin.
/// </summary>
internal sealed partial class FingerprintJob(ReviewDbContext db, IBlobStore store, FfmpegTools tools, MediaToolRunner runner, ILogger<FingerprintJob> logger)
{
    /// <summary>Above this share of matching hash bits two videos are taken for the same recording.</summary>
    public const double SimilarAbove = 0.9;

    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.LessonId == lessonId, cancellationToken);
        if (lesson is null || lesson.Fingerprint is not null || lesson.SourceBlobKey is null)
        {
            return;
        }

        using (var file = await store.GetLocalFileAsync(lesson.SourceBlobKey, cancellationToken))
        {
            var frames = await VideoFingerprint.SampleAsync(runner, tools.Options.FfmpegPath, file.Path, lesson.DurationSeconds, cancellationToken);
            lesson.Fingerprint = VideoFingerprint.Format(frames);
        }

        var submitted = db.Submissions.Select(s => s.LessonId);
        var others = await db.Lessons.Where(l => l.LessonId != lessonId && l.Fingerprint != null && submitted.Contains(l.LessonId)).ToListAsync(cancellationToken);
        var mine = VideoFingerprint.Parse(lesson.Fingerprint);
        var closest = others.Select(o => (Lesson: o, Similarity: VideoFingerprint.Similarity(mine, VideoFingerprint.Parse(o.Fingerprint!))))
            .OrderByDescending(o => o.Similarity).FirstOrDefault();
        if (closest.Lesson is not null && closest.Similarity >= SimilarAbove)
        {
            lesson.SimilarTo = closest.Lesson.LessonId;
            lesson.Similarity = closest.Similarity;
            if (closest.Lesson.SimilarTo is null)
            {
                closest.Lesson.SimilarTo = lessonId;
                closest.Lesson.Similarity = closest.Similarity;
            }

            LogSimilar(lessonId, closest.Lesson.LessonId, closest.Similarity);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lesson {LessonId} looks like lesson {OtherId} (similarity {Similarity:0.00})")]
    private partial void LogSimilar(Guid lessonId, Guid otherId, double similarity);
}

/// <summary>
/// A video's perceptual fingerprint: the difference hash (dHash, 64 bits) of frames sampled evenly through it. Each
/// frame is shrunk to 9×8 grey pixels and every pixel is compared with its right neighbour, so re-encoding, rescaling
/// and mild colour changes leave the bits almost unchanged while different lessons differ in about half of them.
/// </summary>
internal static class VideoFingerprint
{
    public const int Samples = 16;
    private const int FrameBytes = 9 * 8;

    /// <summary>Hashes of frames at the middles of <see cref="Samples"/> equal stretches; each sample seeks, so long videos cost no more than short ones.</summary>
    public static async Task<ulong[]> SampleAsync(MediaToolRunner runner, string ffmpeg, string path, double durationSeconds, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "-v", "error", "-nostdin" };
        var filters = new List<string>();
        for (var i = 0; i < Samples; i++)
        {
            arguments.AddRange(["-ss", (durationSeconds * (i + 0.5) / Samples).ToString("0.###", CultureInfo.InvariantCulture), "-i", path]);
            filters.Add($"[{i}:v]trim=end_frame=1,scale=9:8:flags=area,format=gray,setpts=0[f{i}]");
        }

        var inputs = string.Concat(Enumerable.Range(0, Samples).Select(i => $"[f{i}]"));
        arguments.AddRange(["-filter_complex", $"{string.Join(';', filters)};{inputs}concat=n={Samples}:v=1:a=0[out]", "-map", "[out]", "-f", "rawvideo", "pipe:1"]);
        using var bytes = new MemoryStream();
        var result = await runner.RunAsync(new ToolCommand(ffmpeg, arguments) { OutputTo = bytes }, cancellationToken);
        if (!result.Succeeded || bytes.Length < FrameBytes)
        {
            throw new InvalidOperationException($"ffmpeg could not sample frames of {Path.GetFileName(path)}: {result.Errors.Trim()}");
        }

        var pixels = bytes.GetBuffer();
        var frames = new ulong[bytes.Length / FrameBytes];
        for (var f = 0; f < frames.Length; f++)
        {
            frames[f] = Hash(pixels.AsSpan(f * FrameBytes, FrameBytes));
        }

        return frames;
    }

    /// <summary>dHash of a 9×8 grey frame: bit set where a pixel is brighter than its right neighbour.</summary>
    public static ulong Hash(ReadOnlySpan<byte> grey9x8)
    {
        ulong hash = 0;
        for (var row = 0; row < 8; row++)
        {
            for (var column = 0; column < 8; column++)
            {
                hash <<= 1;
                if (grey9x8[(row * 9) + column] > grey9x8[(row * 9) + column + 1])
                {
                    hash |= 1;
                }
            }
        }

        return hash;
    }

    /// <summary>The share of matching bits between frames sampled at the same places (0–1).</summary>
    public static double Similarity(ulong[] a, ulong[] b)
    {
        var count = Math.Min(a.Length, b.Length);
        if (count == 0)
        {
            return 0;
        }

        var differing = 0;
        for (var i = 0; i < count; i++)
        {
            differing += BitOperations.PopCount(a[i] ^ b[i]);
        }

        return Math.Round(1 - (differing / (64.0 * count)), 3);
    }

    public static string Format(ulong[] frames) => string.Concat(frames.Select(f => f.ToString("x16", CultureInfo.InvariantCulture)));

    public static ulong[] Parse(string fingerprint) =>
        Enumerable.Range(0, fingerprint.Length / 16).Select(i => ulong.Parse(fingerprint.AsSpan(i * 16, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
}
