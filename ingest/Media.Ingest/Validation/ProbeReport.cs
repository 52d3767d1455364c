using System.Globalization;
using System.Text.Json;

namespace Media.Ingest.Validation;

/// <summary>The parts of ffprobe's JSON (<c>-show_format -show_streams</c>) that validation and planning use.</summary>
internal sealed record ProbeReport(double? DurationSeconds, long BitRate, IReadOnlyList<ProbeStream> Streams)
{
    public static ProbeReport Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var streams = new List<ProbeStream>();
        if (root.TryGetProperty("streams", out var list))
        {
            foreach (var stream in list.EnumerateArray())
            {
                streams.Add(new ProbeStream(
                    Text(stream, "codec_type") ?? "unknown",
                    Text(stream, "codec_name") ?? "unknown",
                    Int(stream, "width"),
                    Int(stream, "height"),
                    Rate(Text(stream, "avg_frame_rate")) ?? Rate(Text(stream, "r_frame_rate")) ?? 0,
                    Number(Text(stream, "duration"))));
            }
        }

        return new ProbeReport(
            format.ValueKind == JsonValueKind.Object ? Number(Text(format, "duration")) : null,
            format.ValueKind == JsonValueKind.Object ? (long)(Number(Text(format, "bit_rate")) ?? 0) : 0,
            streams);
    }

    public ProbeStream? FirstVideo => Streams.FirstOrDefault(s => s.Type == "video" && s.Codec is not ("mjpeg" or "png" or "bmp"));

    public ProbeStream? FirstAudio => Streams.FirstOrDefault(s => s.Type == "audio");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : 0;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static double? Rate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        return parts.Length == 2 && Number(parts[0]) is { } n && Number(parts[1]) is { } d && d > 0 && n > 0 ? n / d : null;
    }
}

internal sealed record ProbeStream(string Type, string Codec, int Width, int Height, double FrameRate, double? DurationSeconds);
