using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Media.Platform.Identity;
using Media.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Review.Tests;

/// <summary>The real host with the demo authority (山东省: 济南市 历下区/市中区, 青岛市 市南区) and the steps campaign tests share.</summary>
internal sealed class ReviewWorld(string role = "api") : IAsyncDisposable
{
    private readonly TempFolder _folder = new("review");

    // Role "api": uploads are accepted (and their facts recorded) without being transcoded; nothing here needs video.
    public MediaServerFactory Server { get; } = new MediaServerFactory().With("role", role);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A technical standard a 3-second test clip meets.</summary>
    public static readonly object Lenient = new { minMinutes = 0.01, maxMinutes = 45, minWidth = 160, minHeight = 120, minKbps = 1, videoCodec = "h264", audioCodec = "aac" };

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static readonly byte[] Pptx = [.. "PK\u0003\u0004"u8, .. Encoding.ASCII.GetBytes("[Content_Types].xml ppt/presentation.xml")];

    public Task<HttpClient> ClientAsync(string userName) => Server.CreateClientForAsync(userName);

    public async Task<Guid> LessonAsync(HttpClient teacher, string title, string size = "320x240", string? subject = null, string? source = null)
    {
        var file = source ?? _folder.Combine($"{Guid.NewGuid():N}.mp4");
        if (source is null)
        {
            await Ffmpeg.LessonAsync(file, seconds: 3, size: size);
        }

        var metadata = subject is null ? null : new Dictionary<string, string> { ["subject"] = subject };
        return await LessonApi.WaitForAcceptedAsync(teacher, await LessonApi.UploadAsync(teacher, file, title, metadata));
    }

    public string Folder(string name) => _folder.Combine(name);

    public static async Task<Guid> CampaignAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/review/campaigns", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>A draft with the campaign's default materials (教学设计 PDF, 课件 PPTX), handed in.</summary>
    public static async Task<Guid> SubmitAsync(HttpClient teacher, Guid campaign, Guid lesson)
    {
        var draft = await DraftAsync(teacher, campaign, lesson);
        Assert.Equal(HttpStatusCode.OK, (await UploadDocumentAsync(teacher, draft, "design", "教学设计.pdf", Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadDocumentAsync(teacher, draft, "courseware", "课件.pptx", Pptx)).StatusCode);
        var handedIn = await teacher.PostAsync($"/api/review/submissions/{draft}/submit", null, Ct);
        Assert.True(handedIn.StatusCode == HttpStatusCode.OK, await handedIn.Content.ReadAsStringAsync(Ct));
        return draft;
    }

    public static async Task<Guid> DraftAsync(HttpClient teacher, Guid campaign, Guid lesson)
    {
        var response = await teacher.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = lesson }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> UploadDocumentAsync(HttpClient teacher, Guid submission, string kind, string name, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return teacher.PutAsync($"/api/review/submissions/{submission}/documents/{kind}?name={Uri.EscapeDataString(name)}", content, Ct);
    }

    /// <summary>Every open assignment of each reviewer scored final at the given share of each criterion's weight.</summary>
    public static async Task ScoreEverythingAsync(double share, params HttpClient[] reviewers)
    {
        foreach (var reviewer in reviewers)
        {
            foreach (var entry in (await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct)).EnumerateArray().Where(e => !e.GetProperty("final").GetBoolean()))
            {
                var scores = entry.GetProperty("rubric").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("weight").GetDouble() * share);
                var response = await reviewer.PutAsJsonAsync($"/api/review/assignments/{entry.GetProperty("assignmentId").GetGuid()}", new { scores, final = true }, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    /// <summary>Puts a level's results on a public notice, moves the host's clock past its end, and publishes; returns the published record.</summary>
    public async Task<JsonElement> NoticeAndPublishAsync(HttpClient admin, Guid campaign, string level)
    {
        var notice = await admin.PostAsJsonAsync($"/api/review/campaigns/{campaign}/levels/{level}/notice", new { endsAt = Server.Clock.GetUtcNow().AddMinutes(5) }, Ct);
        Assert.True(notice.StatusCode == HttpStatusCode.OK, await notice.Content.ReadAsStringAsync(Ct));
        Server.Clock.Advance(TimeSpan.FromMinutes(6));
        var published = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/{level}/publish", null, Ct);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync(Ct));
        return await published.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>A user created in the directory (a reviewer, a region admin …) under an organisation named by its path, e.g. ["济南市", "市中区"].</summary>
    public async Task<HttpClient> UserAsync(string userName, string role, params string[] organisationPath)
    {
        var organisation = await OrganisationIdAsync(organisationPath);
        using var scope = Server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UserDirectory>().CreateUserAsync(new NewUser(userName, MediaServerFactory.DemoPassword, [role], userName, organisation), Ct);
        return await ClientAsync(userName);
    }

    public async Task<Guid> OrganisationIdAsync(params string[] organisationPath)
    {
        using var scope = Server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserDirectory>();
        var organisation = await users.FindOrganisationAsync(null, "山东省", Ct);
        foreach (var name in organisationPath)
        {
            organisation = await users.FindOrganisationAsync(organisation!.Id, name, Ct);
        }

        return organisation!.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
