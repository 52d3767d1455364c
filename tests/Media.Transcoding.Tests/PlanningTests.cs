using Media.Ingest.Contracts;
using Media.Transcoding.Planning;

namespace Media.Transcoding.Tests;

public sealed class PlanningTests
{
    private static readonly TranscodingOptions Options = new();

    private static MediaFacts Source(int width, int height, double fps = 25, string? audio = "aac") =>
        new("mp4", 2400, width, height, fps, "h264", audio, 3_000_000);

    [Fact]
    public void Plan_720pSource_StopsAtSourceHeight()
    {
        var plan = LadderPlanner.Plan(Source(1280, 720), Options);

        Assert.Equal([720, 540, 360, 240], plan.Rungs.Select(r => r.Height));
        Assert.Equal([1280, 960, 640, 426], plan.Rungs.Select(r => r.Width));
        Assert.Equal(100, plan.GopFrames);
    }

    [Fact]
    public void Plan_1080pSource_UsesTheWholeLadder() =>
        Assert.Equal(5, LadderPlanner.Plan(Source(1920, 1080), Options).Rungs.Count);

    [Fact]
    public void Plan_SourceBelowSmallestRung_KeepsItsOwnEvenSize()
    {
        var rung = Assert.Single(LadderPlanner.Plan(Source(213, 159), Options).Rungs);

        Assert.Equal((212, 160, 450), (rung.Width, rung.Height, rung.MaxBitRateKbps));
    }

    [Fact]
    public void Plan_FourByThreeAt30Fps_KeepsAspectAndSegmentAlignedGop()
    {
        var plan = LadderPlanner.Plan(Source(1024, 768, fps: 30), Options);

        Assert.Equal((960, 720), (plan.Rungs[0].Width, plan.Rungs[0].Height));
        Assert.Equal(120, plan.GopFrames);
    }

    [Fact]
    public void HlsLadder_OneProcess_SplitsOnceAndMapsEveryRungWithAlignedKeyframes()
    {
        var plan = LadderPlanner.Plan(Source(1280, 720), Options);

        var args = FfmpegCommands.HlsLadder("/tmp/src.mp4", "/tmp/out", plan, Options);
        var text = string.Join(' ', args);

        Assert.Contains("[0:v:0]split=4[s0][s1][s2][s3]", text, StringComparison.Ordinal);
        Assert.Equal(4, args.Count(a => a.StartsWith("-force_key_frames:v:", StringComparison.Ordinal)));
        Assert.Contains("expr:gte(t,n_forced*4)", args);
        Assert.Contains("-maxrate:v:0 2800k", text, StringComparison.Ordinal);
        Assert.Contains("v:0,agroup:audio,name:720p v:1,agroup:audio,name:540p v:2,agroup:audio,name:360p v:3,agroup:audio,name:240p a:0,agroup:audio,default:yes,name:audio", args);
        Assert.Equal("file", args[args.ToList().IndexOf("-protocol_whitelist") + 1]);
        Assert.Equal(1, args.Count(a => a == "-i"));
    }

    [Fact]
    public void HlsLadder_SilentSource_HasNoAudioRendition()
    {
        var args = FfmpegCommands.HlsLadder("/s.mp4", "/o", LadderPlanner.Plan(Source(640, 360, audio: null), Options), Options);

        Assert.DoesNotContain("0:a:0", args);
        Assert.Contains("v:0,name:360p v:1,name:240p", args);
    }

    [Fact]
    public void SpritePlan_TwentyFiveSeconds_IndexesEachTileByTime()
    {
        var sprite = SpritePlan.For(25, 1280, 720, 10);

        var vtt = sprite.WebVtt(25);

        Assert.Equal((3, 3, 1, 160, 90), (sprite.Count, sprite.Columns, sprite.Rows, sprite.TileWidth, sprite.TileHeight));
        Assert.StartsWith("WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nthumbnails.jpg#xywh=0,0,160,90\n", vtt, StringComparison.Ordinal);
        Assert.Contains("00:00:20.000 --> 00:00:25.000\nthumbnails.jpg#xywh=320,0,160,90", vtt, StringComparison.Ordinal);
    }
}

public sealed class ChapterSuggesterTests
{
    private const string Log = """
        [scdet @ 0x55a63780d080] lavfi.scd.score: 15.625, lavfi.scd.time: 6
        [silencedetect @ 0x55a6373909c0] silence_start: 3.99993
        [silencedetect @ 0x55a6373909c0] silence_end: 8.00005 | silence_duration: 4.00011
        [scdet @ 0x55a63780d080] lavfi.scd.score: 40.1, lavfi.scd.time: 410.52
        [silencedetect @ 0x55a6373909c0] silence_end: 1300.2 | silence_duration: 5.1
        [Parsed_ebur128_1 @ 0x5654d7838340] Summary:

          Integrated loudness:
            I:         -21.9 LUFS
            Threshold: -32.0 LUFS
        """;

    [Fact]
    public void Parse_FfmpegAnalysisLog_FindsCutsPausesAndLoudness()
    {
        var analysis = ChapterSuggester.Parse(Log);

        Assert.Equal([6, 410.52], analysis.SceneChanges);
        Assert.Equal([8.00005, 1300.2], analysis.SpeechResumes);
        Assert.Equal(-21.9, analysis.IntegratedLoudness);
    }

    [Fact]
    public void Suggest_FortyMinuteLesson_KeepsCutsFarEnoughApartAndStartsAtZero()
    {
        var chapters = ChapterSuggester.Suggest(ChapterSuggester.Parse(Log), 2400, 120);

        Assert.Equal([0, 410.5, 1300.2], chapters.Select(c => c.StartSeconds));
        Assert.Equal(["第1节", "第2节", "第3节"], chapters.Select(c => c.Title));
    }

    [Fact]
    public void Suggest_CutTooCloseToTheEnd_IsDropped() =>
        Assert.Single(ChapterSuggester.Suggest(new MediaAnalysis([580], [], null), 600, 120));

    [Fact]
    public void Parse_SilentFile_HasNoLoudness() =>
        Assert.Null(ChapterSuggester.Parse("    I:         -70.0 LUFS").IntegratedLoudness);

    [Fact]
    public void Commands_Clip_TrimInputsAndNormaliseWhenAsked()
    {
        var options = new TranscodingOptions { NormalizeLoudness = true };
        var plan = LadderPlanner.Plan(new("mp4", 60, 640, 360, 25, "h264", "aac", 0), options);

        var ladder = FfmpegCommands.HlsLadder("/s.mp4", "/o", plan, options, new ClipRange(12.5, 40));
        var analysis = FfmpegCommands.Analysis("/s.mp4", hasAudio: true, options, new ClipRange(12.5, 40));

        Assert.Equal(["-ss", "12.5", "-to", "40", "-i"], ladder.SkipWhile(a => a != "-ss").Take(5));
        Assert.Contains("loudnorm=I=-16:TP=-1.5:LRA=11", ladder);
        Assert.Contains("scale=320:-2,scdet=threshold=15", analysis);
        Assert.Contains("silencedetect=noise=-35dB:duration=3,ebur128=framelog=verbose", analysis);
    }
}
