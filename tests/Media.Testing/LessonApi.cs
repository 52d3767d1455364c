using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Media.Testing;

/// <summary>The steps most tests need from the public API: upload a file, wait for its lesson to reach a state.</summary>
public static class LessonApi
{
    /// <summary>Uploads a whole file in one tus POST (creation-with-upload) with its title and other metadata (subject, grade …); returns the upload URL.</summary>
    public static async Task<string> UploadAsync(HttpClient client, string file, string? title = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var content = File.OpenRead(file);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/") { Content = new StreamContent(content) };
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", content.Length.ToString(CultureInfo.InvariantCulture));
        var pairs = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        if (title is not null)
        {
            pairs["title"] = title;
        }

        if (pairs.Count > 0)
        {
            create.Headers.Add("Upload-Metadata", string.Join(',', pairs.Select(p => p.Key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value)))));
        }

        create.Content.Headers.ContentType = new("application/offset+octet-stream");
        var response = await client.SendAsync(create);
        response.EnsureSuccessStatusCode();
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Waits until the upload's lesson is published or failed; returns the lesson (GET /api/lessons/{id}).</summary>
    public static async Task<JsonElement> WaitForLessonAsync(HttpClient client, string uploadUrl, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(300)))
        {
            var status = await client.GetFromJsonAsync<JsonElement>(uploadUrl + "/status");
            if (status.GetProperty("lessonId").ValueKind == JsonValueKind.String)
            {
                var lesson = await client.GetFromJsonAsync<JsonElement>($"/api/lessons/{status.GetProperty("lessonId").GetString()}");
                if (lesson.GetProperty("status").GetString() is "published" or "failed")
                {
                    return lesson;
                }
            }
            else if (status.GetProperty("state").GetString() == "rejected")
            {
                throw new InvalidOperationException("the upload was rejected: " + status.GetProperty("error").GetString());
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the lesson of {uploadUrl} was not published in time");
    }

    /// <summary>Waits until ingest has accepted the upload (its lesson draft exists); returns the lesson's id.</summary>
    public static async Task<Guid> WaitForAcceptedAsync(HttpClient client, string uploadUrl, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(300)))
        {
            var status = await client.GetFromJsonAsync<JsonElement>(uploadUrl + "/status");
            switch (status.GetProperty("state").GetString())
            {
                case "accepted":
                    return status.GetProperty("lessonId").GetGuid();
                case "rejected":
                    throw new InvalidOperationException("the upload was rejected: " + status.GetProperty("error").GetString());
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{uploadUrl} was not accepted in time");
    }

    /// <summary>Uploads a file and waits for its lesson to be published; returns the lesson's id.</summary>
    public static async Task<Guid> PublishAsync(HttpClient client, string file, string? title = null)
    {
        var lesson = await WaitForLessonAsync(client, await UploadAsync(client, file, title));
        return lesson.GetProperty("status").GetString() == "published"
            ? Guid.Parse(lesson.GetProperty("id").GetString()!)
            : throw new InvalidOperationException("transcoding failed: " + lesson.GetProperty("processingError").GetString());
    }
}
