using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Media.Server;

/// <summary>
/// The web app's bundles (under /app/) are written once at build also as Brotli at its highest quality (X.js.br, by
/// the Vite build): a browser that accepts Brotli gets that file, a third smaller than the host's on-the-fly
/// compression (which stays for everything else). Without the file the request goes on as before.
/// </summary>
internal static class PrecompressedAssets
{
    private const string Extension = ".br";

    public static IApplicationBuilder UsePrecompressedAppAssets(this IApplicationBuilder app, IFileProvider webRoot) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            var path = request.Path.Value;
            if (path is not null && path.StartsWith("/app/", StringComparison.Ordinal) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && AcceptsBrotli(request) && webRoot.GetFileInfo(path + Extension).Exists)
            {
                request.Path = path + Extension;
                context.Response.Headers.ContentEncoding = "br";
                context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            }

            return next(context);
        });

    /// <summary>The content type of the file a compressed one holds (app.js.br is JavaScript).</summary>
    public static IContentTypeProvider ContentTypes { get; } = new CompressedContentTypes(new FileExtensionContentTypeProvider());

    private static bool AcceptsBrotli(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => string.Equals(e.Value.Value, "br", StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);

    private sealed class CompressedContentTypes(IContentTypeProvider inner) : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType) =>
            inner.TryGetContentType(subpath.EndsWith(Extension, StringComparison.Ordinal) ? subpath[..^Extension.Length] : subpath, out contentType!);
    }
}
