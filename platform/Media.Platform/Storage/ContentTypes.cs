using Microsoft.AspNetCore.StaticFiles;

namespace Media.Platform.Storage;

/// <summary>MIME types by file extension, including the HLS and caption types browsers and players expect.</summary>
public static class ContentTypes
{
    private static readonly FileExtensionContentTypeProvider Provider = CreateProvider();

    public static string ForKey(string key) =>
        Provider.TryGetContentType(key, out var type) ? type : "application/octet-stream";

    private static FileExtensionContentTypeProvider CreateProvider()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".m3u8"] = "application/vnd.apple.mpegurl";
        provider.Mappings[".m4s"] = "video/iso.segment";
        provider.Mappings[".ts"] = "video/mp2t";
        provider.Mappings[".vtt"] = "text/vtt";
        provider.Mappings[".mkv"] = "video/x-matroska";
        return provider;
    }
}
