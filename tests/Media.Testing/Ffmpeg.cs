namespace Media.Testing;

/// <summary>Runs the real ffmpeg to make tiny test media (a few seconds, small frames).</summary>
public static class Ffmpeg
{
    public static async Task RunAsync(params string[] arguments)
    {
        var result = await TestProcess.RunAsync("ffmpeg", ["-v", "error", "-y", "-nostdin", .. arguments]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {result.Errors}");
        }
    }

    /// <summary>
    /// A classroom-like clip: test pattern, a tone, H.264 + AAC in mp4 with the index up front. Clips made with the
    /// same arguments are the same bytes, which ingest links to the lesson already made from them; a different
    /// <paramref name="toneHz"/> makes a different recording.
    /// </summary>
    /// <param name="path">Where the clip is written.</param>
    /// <param name="seconds">Its length.</param>
    /// <param name="size">Its frame size.</param>
    /// <param name="toneHz">The pitch of its tone.</param>
    public static Task LessonAsync(string path, int seconds = 4, string size = "320x240", int toneHz = 440) => RunAsync(
        "-f", "lavfi", "-i", $"testsrc=size={size}:rate=25", "-f", "lavfi", "-i", $"sine=frequency={toneHz}:sample_rate=44100",
        "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", path);
}
