using System.ComponentModel.DataAnnotations;

namespace Media.Classroom;

/// <summary>The media plane (section <c>Media:Classroom</c>): Janus VideoRoom as the SFU.</summary>
internal sealed class ClassroomOptions
{
    public const string Section = "Media:Classroom";

    /// <summary>In demo mode, schedule a synchronous class for today at first start (on in <c>run.sh</c>).</summary>
    public bool DemoClass { get; set; }

    /// <summary>Janus's HTTP API as the server reaches it, e.g. http://127.0.0.1:8088/janus. Without it, sessions have no media plane.</summary>
    public Uri? JanusUrl { get; set; }

    /// <summary>Janus's WebSocket API as browsers reach it, e.g. ws://127.0.0.1:8188 (or wss://… behind a proxy).</summary>
    public Uri? JanusBrowserUrl { get; set; }

    /// <summary>The VideoRoom plugin's admin_key: only the server may create rooms.</summary>
    public string? JanusAdminKey { get; set; }

    /// <summary>Where Janus writes room recordings (a folder Janus and this server both see).</summary>
    public string? RecordingPath { get; set; }

    [Range(2, 100)]
    public int PublishersPerRoom { get; set; } = 12;

    /// <summary>TURN servers browsers may relay through (e.g. turn:turn.example.org:3478?transport=udp), for school networks that block UDP.</summary>
    public string[] TurnUrls { get; set; } = [];

    /// <summary>coturn's static-auth-secret: browsers get short-lived credentials derived from it (TURN REST), never the secret.</summary>
    public string? TurnSecret { get; set; }

    [Range(typeof(TimeSpan), "00:05:00", "2.00:00:00")]
    public TimeSpan TurnCredentialLifetime { get; set; } = TimeSpan.FromHours(12);
}
