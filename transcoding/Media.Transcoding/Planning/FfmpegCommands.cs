using System.Globalization;
using System.Text;

namespace Media.Transcoding.Planning;

/// <summary>
/// ffmpeg command lines as data: one process decodes the source once and writes every rung (split + scale,
/// fMP4 HLS, aligned keyframes every segment, CRF with a cap), the audio once as its own rendition. Pure.
/// </summary>
internal static class FfmpegCommands
{
    public const string MasterPlaylist = "master.m3u8";

    public static IReadOnlyList<string> HlsLadder(string source, string outputFolder, LadderPlan plan, TranscodingOptions options, ClipRange? clip = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-y", "-v", "error",
            "-protocol_whitelist", "file",
        };
        args.AddRange(Trim(clip));
        args.AddRange([
            "-i", "file:" + source,
            "-progress", "pipe:1", "-stats_period", "1",
        ]);

        var n = plan.Rungs.Count;
        var graph = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"[0:v:0]split={n}"));
        for (var i = 0; i < n; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[s{i}]");
        }

        for (var i = 0; i < n; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $";[s{i}]scale={plan.Rungs[i].Width}:{plan.Rungs[i].Height}:flags=bicubic,format=yuv420p[v{i}]");
        }

        args.AddRange(["-filter_complex", graph.ToString()]);
        var keyframes = $"expr:gte(t,n_forced*{options.SegmentSeconds})";
        for (var i = 0; i < n; i++)
        {
            var rung = plan.Rungs[i];
            var v = i.ToString(CultureInfo.InvariantCulture);
            args.AddRange(["-map", $"[v{i}]", $"-c:v:{v}", options.VideoEncoder]);
            if (options.VideoEncoder == "libx264")
            {
                args.AddRange([$"-preset:v:{v}", options.Preset, $"-crf:v:{v}", options.Crf.ToString(CultureInfo.InvariantCulture),
                    $"-profile:v:{v}", "high", $"-x264-params:v:{v}", "scenecut=0:open_gop=0"]);
            }
            else
            {
                args.AddRange([$"-preset:v:{v}", "p5", $"-rc:v:{v}", "vbr", $"-cq:v:{v}", options.Crf.ToString(CultureInfo.InvariantCulture), $"-profile:v:{v}", "high"]);
            }

            args.AddRange([
                $"-maxrate:v:{v}", $"{rung.MaxBitRateKbps}k",
                $"-bufsize:v:{v}", $"{rung.MaxBitRateKbps * 2}k",
                $"-g:v:{v}", plan.GopFrames.ToString(CultureInfo.InvariantCulture),
                $"-keyint_min:v:{v}", plan.GopFrames.ToString(CultureInfo.InvariantCulture),
                $"-force_key_frames:v:{v}", keyframes,
            ]);
        }

        var streamMap = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            streamMap.Append(CultureInfo.InvariantCulture, $"v:{i}{(plan.HasAudio ? ",agroup:audio" : string.Empty)},name:{plan.Rungs[i].Height}p ");
        }

        if (plan.HasAudio)
        {
            args.AddRange(["-map", "0:a:0", "-c:a", "aac", "-b:a", $"{options.AudioBitRateKbps}k", "-ac", "2", "-ar", "48000"]);
            if (options.NormalizeLoudness)
            {
                args.AddRange(["-af", "loudnorm=I=-16:TP=-1.5:LRA=11"]);
            }

            streamMap.Append("a:0,agroup:audio,default:yes,name:audio");
        }

        args.AddRange([
            "-f", "hls",
            "-hls_time", options.SegmentSeconds.ToString(CultureInfo.InvariantCulture),
            "-hls_playlist_type", "vod",
            "-hls_segment_type", "fmp4",
            "-hls_flags", "independent_segments",
            "-hls_fmp4_init_filename", "init.mp4",
            "-hls_segment_filename", Path.Combine(outputFolder, "%v", "seg_%05d.m4s"),
            "-master_pl_name", MasterPlaylist,
            "-var_stream_map", streamMap.ToString().Trim(),
            Path.Combine(outputFolder, "%v", "index.m3u8"),
        ]);
        return args;
    }

    public const string DownloadFile = "download.mp4";

    /// <summary>
    /// The offline copy schools download: the best rung up to 720p and the audio, remuxed from the finished HLS
    /// renditions into one MP4 with the index first (no second encode).
    /// </summary>
    public static IReadOnlyList<string> Download(string outputFolder, LadderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rung = plan.Rungs.FirstOrDefault(r => r.Height <= 720) ?? plan.Rungs[^1];
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-y", "-v", "error", "-protocol_whitelist", "file",
            "-i", Path.Combine(outputFolder, $"{rung.Height}p", "index.m3u8"),
        };
        if (plan.HasAudio)
        {
            args.AddRange(["-i", Path.Combine(outputFolder, "audio", "index.m3u8"), "-map", "0:v:0", "-map", "1:a:0"]);
        }

        args.AddRange(["-c", "copy", "-movflags", "+faststart", Path.Combine(outputFolder, DownloadFile)]);
        return args;
    }

    /// <summary>A poster frame from a tenth of the way in (past title cards), at most 720 lines high.</summary>
    public static IReadOnlyList<string> Poster(string source, string output, double durationSeconds, ClipRange? clip = null) =>
    [
        "-hide_banner", "-nostdin", "-y", "-v", "error", "-protocol_whitelist", "file",
        "-ss", ((clip?.StartSeconds ?? 0) + durationSeconds * 0.1).ToString("0.###", CultureInfo.InvariantCulture),
        "-i", "file:" + source, "-frames:v", "1", "-vf", "scale=-2:'min(720,ih)'", "-q:v", "3", output,
    ];

    /// <summary>
    /// One analysis pass for chapter suggestions and loudness: scene cuts (scdet) on a small picture, pauses in
    /// speech (silencedetect) and EBU R128 loudness (ebur128), logged at info level and parsed by <see cref="ChapterSuggester"/>.
    /// </summary>
    public static IReadOnlyList<string> Analysis(string source, bool hasAudio, TranscodingOptions options, ClipRange? clip = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-v", "info", "-protocol_whitelist", "file" };
        args.AddRange(Trim(clip));
        args.AddRange(["-i", "file:" + source,
            "-map", "0:v:0", "-vf", string.Create(CultureInfo.InvariantCulture, $"scale=320:-2,scdet=threshold={options.SceneThreshold}")]);
        if (hasAudio)
        {
            args.AddRange(["-map", "0:a:0", "-af", string.Create(CultureInfo.InvariantCulture, $"silencedetect=noise=-35dB:duration={options.MinSilenceSeconds},ebur128=framelog=verbose")]);
        }

        args.AddRange(["-f", "null", "-"]);
        return args;
    }

    /// <summary>The scrub-preview sprite: one 160-wide thumbnail every interval, tiled 10 per row.</summary>
    public static IReadOnlyList<string> Sprite(string source, string output, SpritePlan sprite, ClipRange? clip = null) =>
    [
        "-hide_banner", "-nostdin", "-y", "-v", "error", "-protocol_whitelist", "file",
        .. Trim(clip),
        "-i", "file:" + source,
        "-vf", string.Create(CultureInfo.InvariantCulture,
            $"fps=1/{sprite.IntervalSeconds},scale={sprite.TileWidth}:{sprite.TileHeight},tile={sprite.Columns}x{sprite.Rows}"),
        "-frames:v", "1", "-q:v", "5", output,
    ];

    /// <summary>Input options that read only a clip's time range (accurate seek: the clip starts on its frame).</summary>
    /// <summary>
    /// Frames for reading on-screen text: one every <paramref name="sampleSeconds"/>, kept only when it differs from the
    /// last one kept (mpdecimate), at most 1280 wide (text stays legible, OCR stays fast), each logged by showinfo with its
    /// time (<see cref="Recognition.ScreenFrames"/> parses it) and written as 24-bit BMPs <c>{folder}/f00001.bmp</c> onwards
    /// (both engines read them; no image decoder needed).
    /// </summary>
    public static IReadOnlyList<string> ScreenFrames(string source, string folder, double sampleSeconds, ClipRange? clip = null)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-v", "info", "-protocol_whitelist", "file" };
        args.AddRange(Trim(clip));
        args.AddRange(["-i", "file:" + source, "-map", "0:v:0",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"fps=1/{sampleSeconds:0.###},mpdecimate,scale='min(1280,iw)':-2,showinfo"),
            "-fps_mode", "vfr", "-pix_fmt", "bgr24", Path.Combine(folder, "f%05d.bmp")]);
        return args;
    }

    private static IEnumerable<string> Trim(ClipRange? clip) => clip is null
        ? []
        : ["-ss", clip.StartSeconds.ToString("0.###", CultureInfo.InvariantCulture), "-to", clip.EndSeconds.ToString("0.###", CultureInfo.InvariantCulture)];
}

/// <summary>A time range of a source, for clips.</summary>
internal sealed record ClipRange(double StartSeconds, double EndSeconds)
{
    public double Duration => EndSeconds - StartSeconds;
}
