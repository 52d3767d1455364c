using System.Text;
using System.Text.RegularExpressions;

namespace Media.Streaming.Delivery;

/// <summary>
/// Adds the viewer's token to every URI in an HLS playlist (variant lines, init segments, audio renditions),
/// so that a player following relative links keeps presenting it. Pure.
/// </summary>
internal static partial class PlaylistRewriter
{
    public static string AddToken(string playlist, string token)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var query = "t=" + Uri.EscapeDataString(token);
        var output = new StringBuilder(playlist.Length + 64);
        foreach (var line in playlist.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                output.Append('\n');
                continue;
            }

            output.Append(trimmed.StartsWith('#')
                ? UriAttribute().Replace(trimmed, m => $"URI=\"{With(m.Groups[1].Value, query)}\"")
                : With(trimmed, query));
            output.Append('\n');
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    private static string With(string uri, string query) => uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();
}
