using System.Text;
using Media.Ingest.Validation;

namespace Media.Ingest.Tests;

public sealed class MediaSnifferTests
{
    private static SniffResult Sniff(byte[] head) => MediaSniffer.Sniff(head, head.Length);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("00000020667479706973366D", "mov", "mp4")]
    [InlineData("0000001466747970717420200000", "mov", "mov")]
    [InlineData("1A45DFA3A3428681", "matroska", "mkv")]
    [InlineData("464C5601050000000900", "flv", "flv")]
    [InlineData("3026B2758E66CF11A6D900AA0062CE6C", "asf", "wmv")]
    [InlineData("000001BA4400040004", "mpeg", "mpeg")]
    public void Sniff_KnownContainer_ForcesItsDemuxer(string hex, string demuxer, string container)
    {
        var result = Sniff(Convert.FromHexString(hex));

        Assert.True(result.Accepted);
        Assert.Equal(demuxer, result.Demuxer);
        Assert.Equal(container, result.Container);
    }

    [Fact]
    public void Sniff_AviRiff_IsAvi()
    {
        var head = Bytes("RIFF\0\0\0\0AVI LIST");

        Assert.Equal("avi", Sniff(head).Demuxer);
    }

    [Fact]
    public void Sniff_TransportStreamSyncBytes_IsMpegts()
    {
        var head = new byte[188 * 4];
        for (var i = 0; i < head.Length; i += 188)
        {
            head[i] = 0x47;
        }

        Assert.Equal("mpegts", Sniff(head).Demuxer);
    }

    [Theory]
    [InlineData("#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n", "playlist")]
    [InlineData("\uFEFF  #EXTM3U\n", "playlist")]
    [InlineData("#EXT-X-MEDIA-SEQUENCE:0\nhttp://127.0.0.1/\n", "playlist")]
    [InlineData("ffconcat version 1.0\nfile '/etc/passwd'\n", "concat")]
    [InlineData("file '/etc/passwd'\n", "concat")]
    [InlineData("<?xml version=\"1.0\"?><MPD></MPD>", "markup")]
    [InlineData("just some notes about a lesson\n", "text")]
    public void Sniff_TextLike_IsRefusedWithItsKind(string text, string code)
    {
        var result = Sniff(Bytes(text));

        Assert.False(result.Accepted);
        Assert.Equal(code, result.RejectionCode);
    }

    [Theory]
    [InlineData("89504E470D0A1A0A")]
    [InlineData("FFD8FFE000104A46")]
    [InlineData("474946383961")]
    public void Sniff_Image_IsRefused(string hex) => Assert.Equal("image", Sniff(Convert.FromHexString(hex)).RejectionCode);

    [Fact]
    public void Sniff_Empty_IsRefused() => Assert.Equal("empty", MediaSniffer.Sniff([], 0).RejectionCode);

    [Fact]
    public void Sniff_RandomBinary_IsRefusedAsUnknownContainer() =>
        Assert.Equal("unknown-container", Sniff([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x90, 0xFF, 0x00]).RejectionCode);

    [Fact]
    public void FfprobeArguments_AnyFile_AllowOnlyFileProtocolAndTheSniffedDemuxer()
    {
        var arguments = FfprobeArguments.Probe("mov", "/data/uploads/x/source", 4096, 4096);

        Assert.Equal("file", arguments[arguments.ToList().IndexOf("-protocol_whitelist") + 1]);
        Assert.Equal("mov", arguments[arguments.ToList().IndexOf("-format_whitelist") + 1]);
        Assert.Equal("mov", arguments[arguments.ToList().IndexOf("-f") + 1]);
        Assert.Equal("16777216", arguments[arguments.ToList().IndexOf("-max_pixels") + 1]);
        Assert.Equal("file:/data/uploads/x/source", arguments[^1]);
    }
}

public sealed class MediaPolicyTests
{
    private static readonly IngestOptions Limits = new();

    private static ProbeReport Report(double? duration, params ProbeStream[] streams) => new(duration, 1_000_000, streams);

    private static ProbeStream Video(int width = 1280, int height = 720) => new("video", "h264", width, height, 25, null);

    [Fact]
    public void Check_OrdinaryLesson_Passes() =>
        Assert.Null(MediaPolicy.Check(Report(2400, Video(), new ProbeStream("audio", "aac", 0, 0, 0, null)), "mp4", Limits));

    [Fact]
    public void Check_AudioOnly_IsRefused()
    {
        var refusal = MediaPolicy.Check(Report(60, new ProbeStream("audio", "aac", 0, 0, 0, null)), "mp4", Limits);
        Assert.Contains("no video", refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal("no-video", refusal?.Code);
    }

    [Fact]
    public void Check_HugePicture_IsRefused()
    {
        var refusal = MediaPolicy.Check(Report(60, Video(5000, 3000)), "mkv", Limits);
        Assert.Contains("5000×3000", refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal("too-large", refusal?.Code);
    }

    [Fact]
    public void Check_NoPictureSize_IsRefused()
    {
        var refusal = MediaPolicy.Check(Report(60, Video(0, 0)), "avi", Limits);
        Assert.Contains("picture size", refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal("picture-size", refusal?.Code);
    }

    [Fact]
    public void Check_TenHours_IsRefused()
    {
        var refusal = MediaPolicy.Check(Report(36000, Video(1, 1)), "avi", Limits);
        Assert.Contains("at most 04:00:00", refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal("too-long", refusal?.Code);
    }

    [Fact]
    public void Check_UnknownDuration_IsRefused()
    {
        var refusal = MediaPolicy.Check(Report(null, Video()), "webm", Limits);
        Assert.Contains("duration is unknown", refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal("duration-unknown", refusal?.Code);
    }

    [Fact]
    public void Check_TooManyStreams_IsRefused()
    {
        var refusal = MediaPolicy.Check(Report(60, [.. Enumerable.Repeat(Video(), 9)]), "mkv", Limits);
        Assert.Contains("9 streams", refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal("streams", refusal?.Code);
    }

    [Fact]
    public void Check_AviWithSubtitleStream_IsRefused()
    {
        var refusal = MediaPolicy.Check(Report(60, Video(), new ProbeStream("subtitle", "none", 0, 0, 0, null)), "avi", Limits);
        Assert.Contains("subtitle", refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal("subtitles", refusal?.Code);
    }

    [Fact]
    public void Check_ContainerNotAllowed_IsRefused()
    {
        var refusal = MediaPolicy.Check(Report(60, Video()), "flv", new IngestOptions { AllowedContainers = ["mp4"] });
        Assert.Contains("not accepted", refusal?.Reason, StringComparison.Ordinal);
        Assert.Equal("container", refusal?.Code);
    }

    [Fact]
    public void Parse_RecordedFfprobeJson_ReadsStreamsAndFormat()
    {
        var report = ProbeReport.Parse("""
            {"streams":[{"index":0,"codec_name":"h264","codec_type":"video","width":320,"height":240,"r_frame_rate":"25/1","avg_frame_rate":"25/1","duration":"4.000000"},
                        {"index":1,"codec_name":"aac","codec_type":"audio","sample_rate":"44100","duration":"4.010000"}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"4.010000","size":"99110","bit_rate":"197726"}}
            """);

        Assert.Equal(4.01, report.DurationSeconds);
        Assert.Equal(197726, report.BitRate);
        Assert.Equal((320, 240, 25.0), (report.FirstVideo!.Width, report.FirstVideo.Height, report.FirstVideo.FrameRate));
        Assert.Equal("aac", report.FirstAudio!.Codec);
    }
}
