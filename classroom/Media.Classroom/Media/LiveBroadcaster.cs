using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Media.Classroom.Sessions;
using Media.Platform;
using Media.Platform.Tools;
using Media.Streaming.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Media.Classroom.Media;

/// <summary>The SDP that tells ffmpeg what Janus's rtp_forward sends: Opus and VP8 on two local UDP ports.</summary>
internal static class LiveSdp
{
    public const int AudioPayloadType = 111;
    public const int VideoPayloadType = 100;

    public static string For(int audioPort, int videoPort) => string.Create(CultureInfo.InvariantCulture, $"""
        v=0
        o=- 0 0 IN IP4 127.0.0.1
        s=Media broadcast
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio {audioPort} RTP/AVP {AudioPayloadType}
        a=rtpmap:{AudioPayloadType} opus/48000/2
        m=video {videoPort} RTP/AVP {VideoPayloadType}
        a=rtpmap:{VideoPayloadType} VP8/90000

        """);
}

/// <summary>
/// A famous-teacher broadcast (名师课堂): the host's WebRTC stream is forwarded by Janus as RTP to an ffmpeg on this
/// machine that writes live HLS (2 s segments, an event playlist so the whole broadcast stays seekable); streaming
/// serves it to any number of viewers. At the end ffmpeg is asked to finish (the playlist gets its end tag) and the
/// broadcast becomes a lesson through the recording job.
/// </summary>
internal sealed partial class LiveBroadcaster(MediaPlane media, ILiveChannels channels, FfmpegTools ffmpeg, MediaToolRunner runner, IOptions<MediaOptions> data, ILogger<LiveBroadcaster> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, RunningTool> _encoders = new();

    public static string FolderOf(MediaOptions options, Guid sessionId) => Path.Combine(options.FullDataPath, "live", sessionId.ToString("N"));

    public bool IsOnAir(Guid sessionId) => _encoders.ContainsKey(sessionId);

    public async Task StartAsync(LiveSession session, long publisherId, CancellationToken cancellationToken)
    {
        if (media.Gateway() is not { } gateway || session.JanusRoom is not { } number || session.JanusSecret is not { } secret || _encoders.ContainsKey(session.Id))
        {
            return;
        }

        var folder = FolderOf(data.Value, session.Id);
        Directory.CreateDirectory(folder);
        var (audioPort, videoPort) = (FreeUdpPort(), FreeUdpPort());
        var sdp = Path.Combine(folder, "stream.sdp");
        await File.WriteAllTextAsync(sdp, LiveSdp.For(audioPort, videoPort), cancellationToken);
        var encoder = runner.Start(new ToolCommand(ffmpeg.Options.FfmpegPath,
        [
            "-hide_banner", "-loglevel", "warning", "-protocol_whitelist", "file,udp,rtp", "-analyzeduration", "5M", "-probesize", "5M",
            "-i", sdp, "-map", "0:v", "-map", "0:a?", "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
            "-force_key_frames", "expr:gte(t,n_forced*2)", "-c:a", "aac", "-b:a", "96k", "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "event",
            "-hls_segment_filename", "segment_%05d.ts", "index.m3u8",
        ])
        {
            WorkingDirectory = folder,
            KeepStandardInput = true,
            OnErrorLine = line => LogEncoder(session.Id, line),
        });
        _encoders[session.Id] = encoder;
        try
        {
            await gateway.ForwardAsync(new MediaRoom(number, secret), publisherId, "127.0.0.1", audioPort, videoPort, cancellationToken);
        }
        catch
        {
            await StopAsync(session.Id);
            throw;
        }

        channels.Open(session.Id, folder, session.Title);
        LogOnAir(session.Id, publisherId);
    }

    /// <summary>Asks the encoder to finish (it writes the end of the playlist); returns whether there was a broadcast.</summary>
    public async Task<bool> StopAsync(Guid sessionId)
    {
        if (!_encoders.TryRemove(sessionId, out var encoder))
        {
            return false;
        }

        await using (encoder)
        {
            await encoder.StopAsync('q', TimeSpan.FromSeconds(15));
        }

        channels.Close(sessionId);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var encoder in _encoders.Values)
        {
            await encoder.DisposeAsync();
        }
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {SessionId} on air from publisher {PublisherId}")]
    private partial void LogOnAir(Guid sessionId, long publisherId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live encoder {SessionId}: {Line}")]
    private partial void LogEncoder(Guid sessionId, string line);
}
