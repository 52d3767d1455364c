using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Media.Ingest.Tests;

/// <summary>Minimal tus 1.0 requests, spelled out so that the tests show the protocol.</summary>
internal static class TusHttp
{
    public static HttpRequestMessage Request(HttpMethod method, string url, byte[]? body = null, long? offset = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        if (offset is { } o)
        {
            request.Headers.Add("Upload-Offset", o.ToString(CultureInfo.InvariantCulture));
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        }

        return request;
    }

    public static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(",", pairs.Select(p => p.Key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))));

    /// <summary>POST: creates an upload of <paramref name="length"/> bytes and returns its URL.</summary>
    public static async Task<string> CreateAsync(HttpClient client, long length, string? metadata = null, byte[]? firstBytes = null)
    {
        using var request = Request(HttpMethod.Post, "/api/uploads/", firstBytes);
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        if (metadata is not null)
        {
            request.Headers.Add("Upload-Metadata", metadata);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, long offset, byte[] body)
    {
        using var request = Request(HttpMethod.Patch, url, body, offset);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<long> OffsetAsync(HttpClient client, string url)
    {
        using var request = Request(HttpMethod.Head, url);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>Uploads a whole file in one POST (creation-with-upload).</summary>
    public static Task<string> UploadAsync(HttpClient client, byte[] content, string fileName) =>
        CreateAsync(client, content.Length, Metadata(("filename", fileName)), content);

    /// <summary>Polls the status endpoint until the upload leaves receiving/validating, or the time runs out.</summary>
    /// <summary>
    /// Polls until the upload is accepted or rejected. The deadline only keeps a broken build from hanging: a loaded
    /// machine may take long, and how long belongs in bench/, not in an assertion.
    /// </summary>
    public static async Task<UploadStatus> WaitForVerdictAsync(HttpClient client, string url)
    {
        var deadline = TimeSpan.FromMinutes(3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = await client.GetFromJsonAsync<UploadStatus>(url + "/status", TestContext.Current.CancellationToken);
            if (status!.State is "accepted" or "rejected")
            {
                return status;
            }

            Assert.True(clock.Elapsed < deadline, $"{url} still '{status.State}' after {deadline}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

internal sealed record UploadStatus(Guid Id, string State, Guid? LessonId, string? Sha256, string? Error, long Offset, long Length, string? ErrorCode = null);
