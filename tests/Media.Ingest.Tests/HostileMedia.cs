using System.Buffers.Binary;
using System.Text;
using Media.Testing;

namespace Media.Ingest.Tests;

/// <summary>Files that must never become lessons, generated with the real ffmpeg or byte by byte.</summary>
internal static class HostileMedia
{
    public static string Playlist(string target) =>
        $"#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\n{target}\n#EXT-X-ENDLIST\n";

    public static async Task<Dictionary<string, byte[]>> CreateAsync(TempFolder folder, int listenerPort)
    {
        var corpus = new Dictionary<string, byte[]>
        {
            ["empty.mp4"] = [],
            ["notes.mp4"] = Encoding.UTF8.GetBytes("第三单元 背影 教学设计\n一、教学目标……\n"),
            ["passwd-playlist.mp4"] = Encoding.UTF8.GetBytes(Playlist("file:///etc/passwd")),
            ["http-playlist.mp4"] = Encoding.UTF8.GetBytes(Playlist($"http://127.0.0.1:{listenerPort}/segment.ts")),
            ["concat.mp4"] = Encoding.UTF8.GetBytes("ffconcat version 1.0\nfile '/etc/passwd'\n"),
            ["manifest.mp4"] = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\"><Period><BaseURL>file:///etc/passwd</BaseURL></Period></MPD>"),
            ["gab2.avi"] = Gab2Avi(Playlist($"http://127.0.0.1:{listenerPort}/gab2.ts")),
        };

        var still = folder.Combine("still.png");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", still);
        corpus["still.mp4"] = await File.ReadAllBytesAsync(still);

        var huge = folder.Combine("huge.avi");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "color=black:s=16x16:r=5", "-frames:v", "5", "-c:v", "rawvideo", "-pix_fmt", "gray", huge);
        corpus["huge-100000x100000.avi"] = ClaimSize(await File.ReadAllBytesAsync(huge), 100_000, 100_000);

        var tenHours = folder.Combine("ten-hours.avi");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "color=black:s=2x2:r=1/3600,format=gray,scale=1:1", "-frames:v", "10", "-c:v", "rawvideo", "-pix_fmt", "gray", tenHours);
        corpus["ten-hours-1x1.avi"] = await File.ReadAllBytesAsync(tenHours);

        var lesson = folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(lesson, seconds: 10);
        var whole = await File.ReadAllBytesAsync(lesson);
        corpus["truncated.mp4"] = whole[..(whole.Length / 2)];

        var mkv = folder.Combine("lesson.mkv");
        await Ffmpeg.RunAsync("-i", lesson, "-c", "copy", mkv);
        var wholeMkv = await File.ReadAllBytesAsync(mkv);
        corpus["truncated.mkv"] = wholeMkv[..(wholeMkv.Length / 2)];

        var audio = folder.Combine("audio.m4a");
        await Ffmpeg.RunAsync("-f", "lavfi", "-i", "sine=frequency=440", "-t", "3", "-c:a", "aac", audio);
        corpus["audio-only.mp4"] = await File.ReadAllBytesAsync(audio);
        return corpus;
    }

    /// <summary>Patches an AVI's main and stream headers to claim a picture size.</summary>
    private static byte[] ClaimSize(byte[] avi, int width, int height)
    {
        var avih = IndexOf(avi, "avih") + 8;
        BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(avih + 32), width);
        BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(avih + 36), height);
        var strf = IndexOf(avi, "strf") + 8;
        BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(strf + 4), width);
        BinaryPrimitives.WriteInt32LittleEndian(avi.AsSpan(strf + 8), height);
        return avi;
    }

    private static int IndexOf(byte[] data, string fourcc) => data.AsSpan().IndexOf(Encoding.ASCII.GetBytes(fourcc));

    /// <summary>
    /// An AVI whose only stream is a "txts" subtitle stream carrying a GAB2 chunk with a playlist inside
    /// (the 2017 ffmpeg-avi-m3u-xbin technique): ffmpeg probes the embedded data as a nested input.
    /// </summary>
    private static byte[] Gab2Avi(string playlist)
    {
        var payload = new MemoryStream();
        payload.Write("GAB2\0"u8);
        payload.Write([0x02, 0x00]);                 // version 2
        payload.Write(LittleEndian(0));              // description length (UTF-16), none
        payload.Write([0x04, 0x00]);                 // type: subtitle data
        var data = Encoding.ASCII.GetBytes(playlist);
        payload.Write(LittleEndian(data.Length));
        payload.Write(data);
        var chunk = Chunk("00tx", payload.ToArray());

        var avih = new byte[56];
        BinaryPrimitives.WriteInt32LittleEndian(avih.AsSpan(0), 40_000);  // µs per frame
        BinaryPrimitives.WriteInt32LittleEndian(avih.AsSpan(12), 0x10);   // has index
        BinaryPrimitives.WriteInt32LittleEndian(avih.AsSpan(16), 1);      // frames
        BinaryPrimitives.WriteInt32LittleEndian(avih.AsSpan(24), 1);      // streams
        var strh = new byte[56];
        Encoding.ASCII.GetBytes("txts").CopyTo(strh, 0);
        BinaryPrimitives.WriteInt32LittleEndian(strh.AsSpan(20), 1);      // scale
        BinaryPrimitives.WriteInt32LittleEndian(strh.AsSpan(24), 25);     // rate
        BinaryPrimitives.WriteInt32LittleEndian(strh.AsSpan(32), 1);      // length
        var strl = List("strl", Chunk("strh", strh), Chunk("strf", new byte[40]));
        var hdrl = List("hdrl", Chunk("avih", avih), strl);
        var movi = List("movi", chunk);

        var index = new byte[16];
        Encoding.ASCII.GetBytes("00tx").CopyTo(index, 0);
        BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(4), 0x10);
        BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(8), 4);
        BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(12), (int)payload.Length);
        var body = Concat(Encoding.ASCII.GetBytes("AVI "), hdrl, movi, Chunk("idx1", index));
        return Concat(Encoding.ASCII.GetBytes("RIFF"), LittleEndian(body.Length), body);
    }

    private static byte[] Chunk(string fourcc, byte[] data) =>
        Concat(Encoding.ASCII.GetBytes(fourcc), LittleEndian(data.Length), data, data.Length % 2 == 1 ? [0] : []);

    private static byte[] List(string type, params byte[][] children)
    {
        var content = Concat([Encoding.ASCII.GetBytes(type), .. children]);
        return Concat(Encoding.ASCII.GetBytes("LIST"), LittleEndian(content.Length), content);
    }

    private static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
