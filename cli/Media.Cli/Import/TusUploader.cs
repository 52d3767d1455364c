using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Media.Cli.Import;

/// <summary>Uploads one file with tus 1.0 (create, then PATCH in chunks streamed from disk), resuming a given URL when it is still valid.</summary>
internal sealed class TusUploader(HttpClient http, int chunkBytes)
{
    public async Task<string> UploadAsync(FileInfo file, IReadOnlyDictionary<string, string> metadata, string? resumeUrl, Action<string> created, Action<long> progress, CancellationToken cancellationToken)
    {
        var url = resumeUrl;
        var offset = url is null ? -1 : await OffsetAsync(url, cancellationToken);
        if (offset < 0)
        {
            url = await CreateAsync(file.Length, metadata, cancellationToken);
            created(url);
            offset = 0;
        }

        await using var source = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var conflicts = 0;
        while (offset < file.Length)
        {
            var length = Math.Min(chunkBytes, file.Length - offset);
            source.Position = offset;
            using var request = Tus(HttpMethod.Patch, url!);
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            request.Content = new StreamContent(new LengthLimitedStream(source, length));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            request.Content.Headers.ContentLength = length;
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Conflict && ++conflicts < 5)
            {
                offset = await OffsetAsync(url!, cancellationToken);
                continue;
            }

            await EnsureAsync(response, "PATCH", cancellationToken);
            offset = long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
            progress(offset);
        }

        return url!;
    }

    /// <summary>Waits until the server has validated the upload; returns its final status.</summary>
    public async Task<ServerUploadStatus> WaitForVerdictAsync(string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var status = await http.GetFromJsonAsync<ServerUploadStatus>(url + "/status", cancellationToken)
                ?? throw new HttpRequestException("empty status");
            if (status.State is "accepted" or "rejected")
            {
                return status;
            }

            if (clock.Elapsed > timeout)
            {
                return status with { Error = $"still {status.State} after {timeout.TotalSeconds:0} s; run the import again later" };
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(2000, delay.TotalMilliseconds * 1.5));
        }
    }

    private async Task<string> CreateAsync(long length, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        using var request = Tus(HttpMethod.Post, "/api/uploads/");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", string.Join(",", metadata.Select(p => p.Key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value)))));
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, "create", cancellationToken);
        return response.Headers.Location?.OriginalString ?? throw new HttpRequestException("the server returned no upload URL");
    }

    /// <summary>The stored offset, or -1 when the upload is gone (expired, deleted) and must start over.</summary>
    private async Task<long> OffsetAsync(string url, CancellationToken cancellationToken)
    {
        using var request = Tus(HttpMethod.Head, url);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return -1;
        }

        await EnsureAsync(response, "HEAD", cancellationToken);
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    private static HttpRequestMessage Tus(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string step, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var detail = body.Contains("\"detail\"", StringComparison.Ordinal)
                ? System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()
                : body.Length > 200 ? body[..200] : body;
            throw new HttpRequestException($"{step} failed with {(int)response.StatusCode}: {detail}");
        }
    }
}

internal sealed record ServerUploadStatus(Guid Id, string State, Guid? LessonId, string? Sha256, string? Error);

/// <summary>The next <c>length</c> bytes of a stream it does not own.</summary>
internal sealed class LengthLimitedStream(Stream inner, long length) : Stream
{
    private long _remaining = length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _remaining <= 0 ? 0 : inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = _remaining <= 0 ? 0 : await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        _remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // The file stream belongs to the uploader, which reuses it for the next chunk.
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
