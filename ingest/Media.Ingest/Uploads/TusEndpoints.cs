using System.Globalization;
using System.Security.Cryptography;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Media.Platform.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Media.Ingest.Uploads;

/// <summary>
/// A tus 1.0.0 server at /api/uploads/: core, creation, creation-with-upload, termination, checksum (sha1,
/// sha256) and expiration. Bytes stream from the request straight into blob storage; nothing buffers a chunk.
/// </summary>
internal static class TusEndpoints
{
    public const string Version = "1.0.0";
    public const string OctetStream = "application/offset+octet-stream";
    private const int ChecksumMismatch = 460;

    public static IEndpointRouteBuilder MapTusEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/uploads").WithTags("Uploads");
        group.MapMethods("/", [HttpMethods.Options], Options).AllowAnonymous();
        group.MapMethods("/{id:guid}", [HttpMethods.Options], Options).AllowAnonymous();
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.TeacherOrAbove).WithSummary("tus: create an upload (optionally with its first bytes)");
        group.MapMethods("/{id:guid}", [HttpMethods.Head], HeadAsync).RequireAuthorization(Policies.TeacherOrAbove).WithSummary("tus: how many bytes are stored");
        group.MapMethods("/{id:guid}", [HttpMethods.Patch], PatchAsync).RequireAuthorization(Policies.TeacherOrAbove).WithSummary("tus: append bytes at Upload-Offset");
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Policies.TeacherOrAbove).WithSummary("tus: abandon an upload");
        group.MapPost("/{id:guid}", MethodOverrideAsync).RequireAuthorization(Policies.TeacherOrAbove).WithSummary("tus: PATCH/DELETE/HEAD through X-HTTP-Method-Override");
        return routes;
    }

    /// <summary>tus allows X-HTTP-Method-Override for clients behind proxies that only pass GET and POST.</summary>
    internal static Task<IResult> MethodOverrideAsync(Guid id, HttpContext context, UploadReceiver receiver, CancellationToken cancellationToken) =>
        context.Request.Headers["X-HTTP-Method-Override"].ToString().ToUpperInvariant() switch
        {
            "PATCH" => PatchAsync(id, context, receiver, cancellationToken),
            "DELETE" => DeleteAsync(id, context, receiver, cancellationToken),
            "HEAD" => HeadAsync(id, context, receiver, cancellationToken),
            _ => Task.FromResult(Problem(context, StatusCodes.Status405MethodNotAllowed, ProblemTypes.MethodNotAllowed,
                "POST to an upload needs X-HTTP-Method-Override: PATCH, DELETE or HEAD.")),
        };

    internal static IResult Options(HttpContext context, IOptions<IngestOptions> options)
    {
        var headers = context.Response.Headers;
        headers["Tus-Resumable"] = Version;
        headers["Tus-Version"] = Version;
        headers["Tus-Max-Size"] = options.Value.MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
        headers["Tus-Extension"] = "creation,creation-with-upload,termination,checksum,expiration";
        headers["Tus-Checksum-Algorithm"] = "sha1,sha256";
        return Results.NoContent();
    }

    internal static async Task<IResult> CreateAsync(HttpContext context, UploadReceiver receiver, IOptions<IngestOptions> options, CancellationToken cancellationToken)
    {
        if (CheckVersion(context) is { } versionProblem)
        {
            return versionProblem;
        }

        var request = context.Request;
        if (request.Headers.ContainsKey("Upload-Defer-Length"))
        {
            return Problem(context, StatusCodes.Status400BadRequest, ProblemTypes.Validation, "Upload-Defer-Length is not supported; send Upload-Length.");
        }

        if (!long.TryParse(request.Headers["Upload-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return Problem(context, StatusCodes.Status400BadRequest, ProblemTypes.Validation, "Upload-Length is required: the whole file's size in bytes.");
        }

        if (length > options.Value.MaxUploadBytes)
        {
            return Problem(context, StatusCodes.Status413PayloadTooLarge, UploadProblems.TooLarge,
                $"The file is {length} bytes; at most {options.Value.MaxUploadBytes} bytes are accepted.");
        }

        var rawMetadata = request.Headers["Upload-Metadata"].ToString();
        if (!TusMetadata.TryParse(rawMetadata, out var metadata, out var metadataError))
        {
            return Problem(context, StatusCodes.Status400BadRequest, ProblemTypes.Validation, metadataError!);
        }

        // A body longer than the file it claims to begin is refused whole, before anything is created (as tusd does).
        if (request.ContentLength > length)
        {
            return Problem(context, StatusCodes.Status413PayloadTooLarge, UploadProblems.BeyondLength,
                $"The body has {request.ContentLength} bytes but Upload-Length says the whole file has {length}.");
        }

        var user = context.User;
        if (await receiver.QuotaRefusalAsync(user.UserId()!.Value, user.OrganisationId(), length, cancellationToken) is { } quota)
        {
            return Problem(context, StatusCodes.Status429TooManyRequests, UploadProblems.Quota, quota);
        }

        var upload = await receiver.CreateAsync(user.UserId()!.Value, user.OrganisationId(), length, rawMetadata, metadata, cancellationToken);
        context.Response.Headers.Location = $"/api/uploads/{upload.Id}";
        context.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("r", CultureInfo.InvariantCulture);

        if (IsOctetStream(request) && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0))
        {
            var outcome = await receiver.AppendAsync(upload.Id, 0, BodyOf(context), checksum: null, cancellationToken);
            context.Response.Headers["Upload-Offset"] = outcome.Offset.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.Headers["Tus-Resumable"] = Version;
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    internal static async Task<IResult> HeadAsync(Guid id, HttpContext context, UploadReceiver receiver, CancellationToken cancellationToken)
    {
        if (CheckVersion(context) is { } versionProblem)
        {
            return versionProblem;
        }

        var (upload, problem) = await FindOwnAsync(id, context, receiver, cancellationToken);
        if (upload is null)
        {
            return problem!;
        }

        var headers = context.Response.Headers;
        headers["Upload-Offset"] = (await receiver.StoredLengthAsync(upload, cancellationToken)).ToString(CultureInfo.InvariantCulture);
        headers["Upload-Length"] = upload.Length.ToString(CultureInfo.InvariantCulture);
        if (upload.RawMetadata.Length > 0)
        {
            headers["Upload-Metadata"] = upload.RawMetadata;
        }

        if (upload.State == UploadState.Receiving)
        {
            headers["Upload-Expires"] = upload.ExpiresAt.ToString("r", CultureInfo.InvariantCulture);
        }

        headers.CacheControl = "no-store";
        headers["Tus-Resumable"] = Version;
        return Results.Ok();
    }

    internal static async Task<IResult> PatchAsync(Guid id, HttpContext context, UploadReceiver receiver, CancellationToken cancellationToken)
    {
        if (CheckVersion(context) is { } versionProblem)
        {
            return versionProblem;
        }

        if (!IsOctetStream(context.Request))
        {
            return Problem(context, StatusCodes.Status415UnsupportedMediaType, ProblemTypes.Validation, $"PATCH bodies must be sent as {OctetStream}.");
        }

        if (!long.TryParse(context.Request.Headers["Upload-Offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return Problem(context, StatusCodes.Status400BadRequest, ProblemTypes.Validation, "Upload-Offset is required.");
        }

        UploadChecksum? checksum = null;
        if (context.Request.Headers["Upload-Checksum"].ToString() is { Length: > 0 } checksumHeader)
        {
            if (!UploadChecksum.TryParse(checksumHeader, out checksum))
            {
                return Problem(context, StatusCodes.Status400BadRequest, UploadProblems.ChecksumAlgorithm,
                    "Upload-Checksum must be 'sha1 <base64>' or 'sha256 <base64>'.");
            }
        }

        var (upload, problem) = await FindOwnAsync(id, context, receiver, cancellationToken);
        if (upload is null)
        {
            return problem!;
        }

        // A chunk that would run past the end of the file is refused before any of it is stored; a body without a
        // Content-Length (chunked) is cut at Upload-Length instead and answered below.
        if (offset + context.Request.ContentLength > upload.Length)
        {
            return Problem(context, StatusCodes.Status413PayloadTooLarge, UploadProblems.BeyondLength,
                $"The chunk ends at byte {offset + context.Request.ContentLength} but the file has {upload.Length} bytes; nothing of it was stored.");
        }

        AppendOutcome outcome;
        try
        {
            outcome = await receiver.AppendAsync(upload.Id, offset, BodyOf(context), checksum, cancellationToken);
        }
        catch (UploadConflictException conflict)
        {
            if (conflict.StoredOffset is { } stored)
            {
                context.Response.Headers["Upload-Offset"] = stored.ToString(CultureInfo.InvariantCulture);
            }

            return Problem(context, StatusCodes.Status409Conflict, ProblemTypes.Conflict, conflict.Message);
        }

        context.Response.Headers["Upload-Offset"] = outcome.Offset.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["Upload-Expires"] = outcome.ExpiresAt.ToString("r", CultureInfo.InvariantCulture);
        context.Response.Headers["Tus-Resumable"] = Version;
        return outcome.Error switch
        {
            AppendError.None => Results.NoContent(),
            AppendError.ChecksumMismatch => Problem(context, ChecksumMismatch, UploadProblems.ChecksumMismatch,
                "The chunk's checksum does not match Upload-Checksum; nothing of it was stored. Send it again."),
            AppendError.BeyondLength => Problem(context, StatusCodes.Status400BadRequest, UploadProblems.BeyondLength,
                "The body goes past Upload-Length; only the bytes up to Upload-Length were stored."),
            _ => throw new InvalidOperationException(outcome.Error.ToString()),
        };
    }

    internal static async Task<IResult> DeleteAsync(Guid id, HttpContext context, UploadReceiver receiver, CancellationToken cancellationToken)
    {
        if (CheckVersion(context) is { } versionProblem)
        {
            return versionProblem;
        }

        var (upload, problem) = await FindOwnAsync(id, context, receiver, cancellationToken, allowExpired: true);
        if (upload is null)
        {
            return problem!;
        }

        try
        {
            await receiver.DeleteAsync(upload.Id, cancellationToken);
        }
        catch (UploadConflictException conflict)
        {
            return Problem(context, StatusCodes.Status409Conflict, ProblemTypes.Conflict, conflict.Message);
        }

        context.Response.Headers["Tus-Resumable"] = Version;
        return Results.NoContent();
    }

    private static async Task<(Upload? Upload, IResult? Problem)> FindOwnAsync(
        Guid id, HttpContext context, UploadReceiver receiver, CancellationToken cancellationToken, bool allowExpired = false)
    {
        var upload = await receiver.FindAsync(id, cancellationToken);
        // Another teacher's upload is reported as missing: its existence is not theirs to learn.
        if (upload is null || (upload.OwnerId != context.User.UserId() && !context.User.IsInRole(Roles.Admin)))
        {
            return (null, Problem(context, StatusCodes.Status404NotFound, ProblemTypes.NotFound, $"No upload {id}."));
        }

        if (!allowExpired && upload.State == UploadState.Receiving && upload.ExpiresAt <= receiver.Now)
        {
            return (null, Problem(context, StatusCodes.Status410Gone, UploadProblems.Expired,
                $"Upload {id} expired at {upload.ExpiresAt:u} and its bytes were discarded; start a new upload."));
        }

        return (upload, null);
    }

    private static IResult? CheckVersion(HttpContext context)
    {
        var version = context.Request.Headers["Tus-Resumable"].ToString();
        if (version == Version)
        {
            return null;
        }

        context.Response.Headers["Tus-Version"] = Version;
        return Problem(context, StatusCodes.Status412PreconditionFailed, UploadProblems.TusVersion,
            version.Length == 0 ? "The Tus-Resumable header is required (1.0.0)." : $"tus version {version} is not supported; use 1.0.0.");
    }

    private static bool IsOctetStream(HttpRequest request) =>
        string.Equals(request.ContentType?.Split(';')[0].Trim(), OctetStream, StringComparison.OrdinalIgnoreCase);

    private static Stream BodyOf(HttpContext context)
    {
        // Chunks of many megabytes are normal; the upload's own Upload-Length bounds what is stored.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        return context.Request.Body;
    }

    private static IResult Problem(HttpContext context, int status, string type, string detail)
    {
        context.Response.Headers["Tus-Resumable"] = Version;
        return Results.Problem(statusCode: status, type: type, title: UploadProblems.TitleFor(status), detail: detail);
    }
}

/// <summary>Problem types of the upload API (stable: clients switch on them).</summary>
internal static class UploadProblems
{
    public const string TooLarge = "urn:media:problem:upload-too-large";
    public const string Expired = "urn:media:problem:upload-expired";
    public const string ChecksumMismatch = "urn:media:problem:checksum-mismatch";
    public const string ChecksumAlgorithm = "urn:media:problem:checksum-algorithm";
    public const string BeyondLength = "urn:media:problem:beyond-upload-length";
    public const string TusVersion = "urn:media:problem:tus-version";
    public const string Quota = "urn:media:problem:upload-quota";

    internal static string TitleFor(int status) => status switch
    {
        400 => "The upload request is not valid.",
        404 => "Not found.",
        409 => "The upload is not at that offset.",
        410 => "The upload has expired.",
        412 => "Unsupported tus version.",
        413 => "The file is too large.",
        415 => "Wrong content type.",
        429 => "Too many unfinished uploads.",
        460 => "Checksum mismatch.",
        _ => "Upload error.",
    };
}

/// <summary>An Upload-Checksum header: the algorithm and the expected digest of this PATCH's body.</summary>
internal sealed record UploadChecksum(HashAlgorithmName Algorithm, byte[] Expected)
{
    public static bool TryParse(string header, out UploadChecksum? checksum)
    {
        checksum = null;
        var parts = header.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return false;
        }

        HashAlgorithmName? algorithm = parts[0].ToLowerInvariant() switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            _ => null,
        };
        try
        {
            checksum = algorithm is { } a ? new UploadChecksum(a, Convert.FromBase64String(parts[1])) : null;
        }
        catch (FormatException)
        {
            return false;
        }

        return checksum is not null;
    }
}
