using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Media.Classroom.Media;

/// <summary>A VideoRoom room as the server created it: browsers join with its number and a token of their own.</summary>
internal sealed record MediaRoom(long Room, string Secret);

/// <summary>
/// Drives Janus's VideoRoom plugin over the HTTP API: create a room (private, with a secret, the admin key, a token
/// list and optional recording), admit a participant by adding their token, destroy the room at the end. Each call
/// uses a short Janus session of its own, so nothing needs keeping alive between calls.
/// </summary>
internal sealed class JanusVideoRoomGateway(HttpClient http, Uri janusUrl, string? adminKey)
{
    /// <summary>Creates a room; Janus picks its number, so a room left over from before a restart can never clash.</summary>
    public async Task<MediaRoom> CreateRoomAsync(string description, bool record, string? recordingFolder, int publishers, CancellationToken cancellationToken, int keyframeSeconds = 0)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var body = new JsonObject
        {
            ["request"] = "create",
            ["description"] = description,
            ["secret"] = secret,
            ["is_private"] = true,
            ["publishers"] = publishers,
            // Weak remote links get a lower simulcast layer; VP8 is what every browser publishes simulcast in.
            ["videocodec"] = "vp8",
            ["audiocodec"] = "opus",
            ["allowed"] = new JsonArray(),
            ["record"] = record,
        };
        if (keyframeSeconds > 0)
        {
            // A live encoder fed by rtp_forward can start only at a keyframe: ask publishers for one this often.
            body["fir_freq"] = keyframeSeconds;
        }
        if (adminKey is not null)
        {
            body["admin_key"] = adminKey;
        }

        if (record && recordingFolder is not null)
        {
            body["rec_dir"] = recordingFolder;
        }

        var data = await MessageAsync(body, cancellationToken);
        ThrowIfError(data, "create");
        return new MediaRoom(data["room"]!.GetValue<long>(), secret);
    }

    /// <summary>Lets a participant in: returns the token their browser joins with.</summary>
    public async Task<string> AdmitAsync(MediaRoom room, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var data = await MessageAsync(new JsonObject
        {
            ["request"] = "allowed",
            ["room"] = room.Room,
            ["secret"] = room.Secret,
            ["action"] = "add",
            ["allowed"] = new JsonArray(token),
        }, cancellationToken);
        ThrowIfError(data, "allowed");
        return token;
    }

    /// <summary>Forwards a publisher's audio and video as plain RTP to local UDP ports (for the live HLS encoder).</summary>
    public async Task ForwardAsync(MediaRoom room, long publisherId, string host, int audioPort, int videoPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        var body = new JsonObject
        {
            ["request"] = "rtp_forward",
            ["room"] = room.Room,
            ["secret"] = room.Secret,
            ["publisher_id"] = publisherId,
            ["host"] = host,
            ["audio_port"] = audioPort,
            ["audio_pt"] = LiveSdp.AudioPayloadType,
            ["video_port"] = videoPort,
            ["video_pt"] = LiveSdp.VideoPayloadType,
        };
        if (adminKey is not null)
        {
            body["admin_key"] = adminKey;
        }

        ThrowIfError(await MessageAsync(body, cancellationToken), "rtp_forward");
    }

    public async Task<bool> ExistsAsync(long room, CancellationToken cancellationToken)
    {
        var data = await MessageAsync(new JsonObject { ["request"] = "exists", ["room"] = room }, cancellationToken);
        ThrowIfError(data, "exists");
        return data["exists"]?.GetValue<bool>() == true;
    }

    /// <summary>The publishers in a room, by display name (for tests and monitoring).</summary>
    public async Task<IReadOnlyList<(long Id, string Display, bool Publishing)>> ParticipantsAsync(long room, CancellationToken cancellationToken)
    {
        var data = await MessageAsync(new JsonObject { ["request"] = "listparticipants", ["room"] = room }, cancellationToken);
        ThrowIfError(data, "listparticipants");
        return data["participants"]!.AsArray()
            .Select(p => (p!["id"]!.GetValue<long>(), p["display"]?.GetValue<string>() ?? "", p["publisher"]?.GetValue<bool>() == true)).ToList();
    }

    public async Task DestroyAsync(long room, string secret, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["request"] = "destroy", ["room"] = room, ["secret"] = secret };

        if (adminKey is not null)
        {
            body["admin_key"] = adminKey;
        }

        var data = await MessageAsync(body, cancellationToken);
        // 426: no such room — already gone is what we wanted.
        if (data["error_code"]?.GetValue<int>() is { } code && code != 426)
        {
            ThrowIfError(data, "destroy");
        }
    }

    private async Task<JsonNode> MessageAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var session = (await PostAsync(janusUrl.ToString(), new JsonObject { ["janus"] = "create" }, cancellationToken))["data"]!["id"]!.GetValue<long>();
        var sessionUrl = $"{janusUrl.ToString().TrimEnd('/')}/{session.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            var handle = (await PostAsync(sessionUrl, new JsonObject { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom" }, cancellationToken))["data"]!["id"]!.GetValue<long>();
            var response = await PostAsync($"{sessionUrl}/{handle.ToString(CultureInfo.InvariantCulture)}", new JsonObject { ["janus"] = "message", ["body"] = body }, cancellationToken);
            return response["plugindata"]?["data"] ?? throw new JanusException($"Janus answered {response["janus"]} without plugin data.");
        }
        finally
        {
            await PostAsync(sessionUrl, new JsonObject { ["janus"] = "destroy" }, CancellationToken.None, throwOnError: false);
        }
    }

    private async Task<JsonNode> PostAsync(string url, JsonObject body, CancellationToken cancellationToken, bool throwOnError = true)
    {
        body["transaction"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        using var response = await http.PostAsJsonAsync(url, body, cancellationToken);
        var node = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken) ?? new JsonObject();
        if (throwOnError && node["janus"]?.GetValue<string>() == "error")
        {
            throw new JanusException($"Janus refused: {node["error"]?["reason"]}");
        }

        return node;
    }

    private static void ThrowIfError(JsonNode data, string request)
    {
        if (data["error_code"] is not null)
        {
            throw new JanusException($"VideoRoom {request} failed ({data["error_code"]}): {data["error"]}");
        }
    }
}

internal sealed class JanusException(string message) : Exception(message);
