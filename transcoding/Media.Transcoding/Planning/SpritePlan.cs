using System.Globalization;
using System.Text;

namespace Media.Transcoding.Planning;

/// <summary>The thumbnail grid for scrub previews and its WebVTT index (which tile shows which time). Pure.</summary>
internal sealed record SpritePlan(int IntervalSeconds, int Count, int Columns, int Rows, int TileWidth, int TileHeight)
{
    public const string ImageName = "thumbnails.jpg";
    public const string IndexName = "thumbnails.vtt";

    public static SpritePlan For(double durationSeconds, int sourceWidth, int sourceHeight, int intervalSeconds)
    {
        var count = Math.Max(1, (int)Math.Ceiling(durationSeconds / intervalSeconds));
        var columns = Math.Min(10, count);
        var rows = (int)Math.Ceiling(count / (double)columns);
        const int width = 160;
        var height = Math.Max(2, (int)Math.Round(width * (double)sourceHeight / sourceWidth / 2) * 2);
        return new SpritePlan(intervalSeconds, count, columns, rows, width, height);
    }

    /// <summary>WebVTT cues pointing into the sprite with media fragments (#xywh=x,y,w,h).</summary>
    public string WebVtt(double durationSeconds)
    {
        var vtt = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < Count; i++)
        {
            var start = TimeSpan.FromSeconds(i * IntervalSeconds);
            var end = TimeSpan.FromSeconds(Math.Min(durationSeconds, (i + 1) * IntervalSeconds));
            vtt.Append(CultureInfo.InvariantCulture,
                $"{start:hh\\:mm\\:ss\\.fff} --> {end:hh\\:mm\\:ss\\.fff}\n{ImageName}#xywh={i % Columns * TileWidth},{i / Columns * TileHeight},{TileWidth},{TileHeight}\n\n");
        }

        return vtt.ToString();
    }
}
