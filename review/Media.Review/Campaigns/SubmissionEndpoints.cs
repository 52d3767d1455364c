using System.Security.Claims;
using Hangfire;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Media.Platform.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Review.Data;

namespace Media.Review.Campaigns;

/// <summary>
/// A teacher's side of a campaign: a draft for one of their lessons (checked against the technical standard), its
/// materials (教学设计, 课件 …), handing it in before the deadline, withdrawing it before review, and appealing
/// during the public notice.
/// </summary>
internal static class SubmissionEndpoints
{
    public const long MaxDocumentBytes = 100L * 1024 * 1024;

    /// <summary>What each material may be, by extension; the bytes must also look like that format.</summary>
    private static readonly Dictionary<string, string[]> AllowedExtensions = new()
    {
        [DocumentKinds.Design] = [".pdf", ".doc", ".docx"],
        [DocumentKinds.Courseware] = [".ppt", ".pptx", ".pdf", ".zip"],
        [DocumentKinds.Worksheet] = [".pdf", ".doc", ".docx"],
        [DocumentKinds.Assessment] = [".pdf", ".doc", ".docx"],
    };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/campaigns/{id:guid}/lessons/mine", EligibleAsync).RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Your lessons with how each meets the campaign's technical standard (every shortfall explained) and whether it is already submitted");
        group.MapPost("/campaigns/{id:guid}/submissions", CreateAsync).RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Start a submission (draft) for one of your lessons; refused with every technical shortfall explained");
        group.MapPut("/submissions/{id:guid}/documents/{kind}", PutDocumentAsync).RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Upload a material (design 教学设计, courseware 课件, worksheet 学案, assessment 评测练习) as the body; ?name= gives the file name (PDF, Word, PowerPoint, ZIP for courseware; 100 MiB)");
        group.MapGet("/submissions/{id:guid}/documents/{kind}", GetDocumentAsync)
            .WithSummary("A material, for its teacher, the entry's assigned reviewers (under a neutral name) and the administrators over it");
        group.MapPost("/submissions/{id:guid}/submit", HandInAsync).RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Hand the submission in before the deadline; refused while required materials are missing");
        group.MapGet("/campaigns/{id:guid}/submissions/mine", MineAsync).WithSummary("Your submissions to the campaign, their materials, state and appeals");
        group.MapDelete("/submissions/{id:guid}", WithdrawAsync).WithSummary("Withdraw your submission before review starts");
        group.MapPost("/submissions/{id:guid}/appeals", AppealAsync).RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("Appeal against the provisional results of your entry's level during its public notice (公示)");
    }

    internal static async Task<Results<Ok<List<EligibleLessonDto>>, ProblemHttpResult>> EligibleAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        var me = user.UserId()!.Value;
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.OwnerId == me).OrderBy(l => l.Title).ToListAsync(cancellationToken);
        var submitted = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == id && s.TeacherId == me && s.State != SubmissionState.Withdrawn)
            .Select(s => s.LessonId).ToListAsync(cancellationToken);
        return TypedResults.Ok(lessons.Select(l => new EligibleLessonDto(
            l.LessonId, l.Title, Math.Round(l.DurationSeconds / 60, 1), l.Width, l.Height, l.Subject, ReviewRules.Check(l, campaign.Standard), submitted.Contains(l.LessonId))).ToList());
    }

    internal static async Task<Results<Created<SubmissionDto>, ProblemHttpResult>> CreateAsync(
        Guid id, SubmitRequest request, ClaimsPrincipal user, ReviewDbContext db, SubmissionWorkflow workflow, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign {id}.");
        }

        var entered = await workflow.EnterAsync(campaign, request.LessonId, user.UserId()!.Value, user.OrganisationId(), cancellationToken);
        return entered.Value is { } submission
            ? TypedResults.Created($"/api/review/submissions/{submission.Id}", SubmissionDto.Of(submission, campaign, [], []))
            : Problems.For(entered);
    }

    internal static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> PutDocumentAsync(
        Guid id, string kind, string? name, HttpRequest request, ClaimsPrincipal user, ReviewDbContext db, IBlobStore store, SubmissionWorkflow workflow, CancellationToken cancellationToken)
    {
        // Kestrel's own body limit (30,000,000 bytes) would cut materials short of the documented 100 MiB.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = MaxDocumentBytes + 1;
        }

        var me = user.UserId()!.Value;
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.TeacherId == me, cancellationToken);
        if (submission is null)
        {
            return Problems.NotFound($"No submission {id} of yours.");
        }

        if (!AllowedExtensions.TryGetValue(kind, out var extensions))
        {
            return Problems.Validation($"kind is one of {string.Join(", ", AllowedExtensions.Keys)}.");
        }

        var fileName = Path.GetFileName(name?.Trim() ?? "");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (fileName.Length is 0 or > 255 || !extensions.Contains(extension))
        {
            return Problems.Validation($"?name= must name a {string.Join(", ", extensions)} file for {DocumentKinds.Names[kind]}.");
        }

        if (!SubmissionWorkflow.OpenForChanges(submission))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Review has started.", "Materials can be changed only before reviewers are assigned.");
        }

        if (request.ContentLength > MaxDocumentBytes)
        {
            return TooLarge();
        }

        // The first bytes decide whether the file is what its name says, before anything is stored.
        var head = new byte[8];
        var headLength = await request.Body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (!LooksLike(extension, head.AsSpan(0, headLength)))
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.Validation, "Not that kind of file.",
                $"The content is not a {extension.TrimStart('.').ToUpperInvariant()} file.");
        }

        var key = $"review/{id:N}/{kind}{extension}";
        var staging = $"review/{id:N}/{kind}.{Guid.NewGuid():N}.staging";
        var body = new BoundedReadStream(new PrefixedStream(head.AsMemory(0, headLength), request.Body), MaxDocumentBytes);
        var stored = await store.PutAsync(staging, body, cancellationToken);
        if (body.Overflowed)
        {
            await store.DeleteAsync(staging, cancellationToken);
            return TooLarge();
        }

        var previous = await db.Documents.FirstOrDefaultAsync(d => d.SubmissionId == id && d.Kind == kind, cancellationToken);
        await store.MoveAsync(staging, key, cancellationToken);
        if (previous is not null && previous.BlobKey != key)
        {
            await store.DeleteAsync(previous.BlobKey, cancellationToken);
        }

        var document = previous ?? new SubmissionDocument { Id = Guid.NewGuid(), SubmissionId = id, Kind = kind, FileName = fileName, ContentType = "", BlobKey = key };
        document.FileName = fileName;
        document.ContentType = ContentTypes.ForKey(key);
        document.SizeBytes = stored.Length;
        document.BlobKey = key;
        document.UploadedAt = workflow.Now;
        if (previous is null)
        {
            db.Documents.Add(document);
        }

        workflow.MaterialStored(id, me, document);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(DocumentDto.Of(document));

        static ProblemHttpResult TooLarge() => Problems.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.Validation, "File too large.", $"Materials are limited to {MaxDocumentBytes / 1024 / 1024} MiB.");
    }

    private static bool LooksLike(string extension, ReadOnlySpan<byte> head) => extension switch
    {
        ".pdf" => head.StartsWith("%PDF-"u8),
        ".doc" or ".ppt" => head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        _ => head.StartsWith("PK\u0003\u0004"u8),
    };

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetDocumentAsync(
        Guid id, string kind, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, IBlobStore store, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.SubmissionId == id && d.Kind == kind, cancellationToken);
        if (submission is null || document is null)
        {
            return Problems.NotFound($"No {kind} for submission {id}.");
        }

        var owner = submission.TeacherId == me;
        var reviewer = await db.Assignments.AnyAsync(a => a.SubmissionId == id && a.ReviewerId == me && a.DeclinedAt == null, cancellationToken);
        var overseer = (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.RegionAdmin)) && await scope.CoversAsync(user, submission.SchoolId, cancellationToken);
        if (!owner && !reviewer && !overseer)
        {
            return Problems.NotFound($"No {kind} for submission {id}.");
        }

        // Reviewers judge blind: the teacher's file name (often their name and school) is replaced by the material's kind.
        var downloadName = owner || overseer ? document.FileName : DocumentKinds.Names[kind] + Path.GetExtension(document.FileName);
        var content = await store.OpenReadAsync(document.BlobKey, cancellationToken: cancellationToken);
        return TypedResults.File(content, document.ContentType, downloadName);
    }

    internal static async Task<Results<Ok<SubmissionDto>, ProblemHttpResult>> HandInAsync(
        Guid id, ClaimsPrincipal user, SubmissionWorkflow workflow, CancellationToken cancellationToken)
    {
        var handedIn = await workflow.HandInAsync(id, user.UserId()!.Value, cancellationToken);
        return handedIn.Value is { } done
            ? TypedResults.Ok(SubmissionDto.Of(done.Submission, done.Campaign, done.Documents, []))
            : Problems.For(handedIn);
    }

    internal static async Task<Ok<List<SubmissionDto>>> MineAsync(Guid id, ClaimsPrincipal user, ReviewDbContext db, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var mine = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == id && s.TeacherId == me).ToListAsync(cancellationToken);
        var ids = mine.Select(s => s.Id).ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.SubmissionId)).ToListAsync(cancellationToken);
        var appeals = await db.Appeals.AsNoTracking().Where(a => ids.Contains(a.SubmissionId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(campaign is null ? [] : mine.Select(s => SubmissionDto.Of(
            s, campaign, documents.Where(d => d.SubmissionId == s.Id).ToList(), appeals.Where(a => a.SubmissionId == s.Id).ToList())).ToList());
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(
        Guid id, ClaimsPrincipal user, ReviewDbContext db, SubmissionWorkflow workflow, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == id && s.TeacherId == me, cancellationToken);
        if (submission is null)
        {
            return Problems.NotFound($"No submission {id} of yours.");
        }

        if (!SubmissionWorkflow.OpenForChanges(submission))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Review has started.", "A submission can be withdrawn only before reviewers are assigned.");
        }

        workflow.Withdraw(submission, me);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Created<AppealDto>, ProblemHttpResult>> AppealAsync(
        Guid id, AppealRequest request, ClaimsPrincipal user, ReviewDbContext db, ReviewScope scope, SubmissionWorkflow workflow, CancellationToken cancellationToken)
    {
        var me = user.UserId()!.Value;
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.TeacherId == me, cancellationToken);
        if (submission is null)
        {
            return Problems.NotFound($"No submission {id} of yours.");
        }

        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is < 5 or > 2000)
        {
            return Problems.Validation("An appeal states its reason (5–2000 characters).");
        }

        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == submission.CampaignId, cancellationToken);
        var now = workflow.Now;
        Notice? open = null;
        foreach (var notice in campaign.Notices.Where(n => n.Level == ReviewLevels.NameOf(submission.Level) && n.StartedAt <= now && now < n.EndsAt))
        {
            if (await scope.CoversAsync(notice.Region, submission.SchoolId, cancellationToken))
            {
                open = notice;
            }
        }

        if (open is null || ReviewLevels.IsPublished(campaign, id, submission.Level) || submission.State is not (SubmissionState.InReview or SubmissionState.Scored))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ReviewLevels.WindowProblem, "No public notice is open.",
                "Appeals are filed while the provisional results of your entry's level are on public notice (公示).");
        }

        if (await db.Appeals.AnyAsync(a => a.SubmissionId == id && a.Level == submission.Level, cancellationToken))
        {
            return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.Validation, "Already appealed.", "One appeal per entry and level.");
        }

        var appeal = workflow.Appeal(submission, me, reason);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/review/appeals/{appeal.Id}", AppealDto.Of(appeal));
    }
}

/// <summary>A few bytes already read, then the rest of a stream.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty)
        {
            return rest.Read(buffer);
        }

        var count = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..count].CopyTo(buffer);
        _prefix = _prefix[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix.IsEmpty)
        {
            return rest.ReadAsync(buffer, cancellationToken);
        }

        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal sealed record SubmitRequest(Guid LessonId);

/// <summary>One of the teacher's lessons and what keeps it from the campaign (nothing when <see cref="Failures"/> is empty).</summary>
internal sealed record EligibleLessonDto(Guid LessonId, string Title, double Minutes, int Width, int Height, string? Subject, List<string> Failures, bool Submitted);

internal sealed record AppealRequest(string? Reason);

internal sealed record DocumentDto(string Kind, string Name, string FileName, long SizeBytes, DateTimeOffset UploadedAt)
{
    internal static DocumentDto Of(SubmissionDocument d) => new(d.Kind, DocumentKinds.Names[d.Kind], d.FileName, d.SizeBytes, d.UploadedAt);
}

internal sealed record AppealDto(Guid Id, Guid SubmissionId, string Level, string Reason, DateTimeOffset FiledAt, string Outcome, string? Resolution, DateTimeOffset? ResolvedAt)
{
    internal static AppealDto Of(Appeal a) => new(
        a.Id, a.SubmissionId, ReviewLevels.NameOf(a.Level), a.Reason, a.FiledAt, a.Outcome.ToString().ToLowerInvariant(), a.Resolution, a.ResolvedAt);
}

/// <summary>A teacher's submission: where it stands, what it carries and what is still missing.</summary>
internal sealed record SubmissionDto(
    Guid Id, Guid CampaignId, Guid LessonId, string Level, string State, DateTimeOffset SubmittedAt, string? Award,
    List<DocumentDto> Documents, List<string> MissingDocuments, List<AppealDto> Appeals)
{
    internal static SubmissionDto Of(Submission s, Campaign campaign, List<SubmissionDocument> documents, List<Appeal> appeals) => new(
        s.Id, s.CampaignId, s.LessonId, ReviewLevels.NameOf(s.Level), s.State.ToString().ToLowerInvariant(), s.SubmittedAt,
        s.Award is { } award ? ReviewRules.AwardName(award) : null, documents.Select(DocumentDto.Of).ToList(),
        SubmissionWorkflow.Missing(campaign, documents), appeals.Select(AppealDto.Of).ToList());
}
