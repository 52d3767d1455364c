using System.Security.Cryptography;
using Media.Platform.Data;
using Media.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Media.Ingest.Data;

namespace Media.Ingest.Uploads;

/// <summary>
/// Stores upload bytes: the blob is the truth for how much arrived (a PATCH cut off mid-body keeps what it
/// delivered), the database keeps ownership, metadata and state.
/// </summary>
internal sealed class UploadReceiver(
    IngestDbContext db,
    IBlobStore store,
    UploadHashes hashes,
    RowLeases leases,
    ValidationQueue validation,
    UploadNotifier notifier,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ILogger<UploadReceiver> logger)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Why <paramref name="ownerId"/> may not begin another upload of <paramref name="length"/> bytes now, or null: one
    /// person's unfinished uploads are bounded in number and in the bytes they claim, so that nobody reserves the
    /// storage of a campaign deadline with uploads that never come; and what a person (and their school) keeps is bounded
    /// by a storage quota. Kept means accepted or being validated; rejected and expired uploads hold nothing.
    /// </summary>
    public async Task<string?> QuotaRefusalAsync(Guid ownerId, Guid? organisationId, long length, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var open = db.Uploads.Where(u => u.OwnerId == ownerId && u.State == UploadState.Receiving && u.ExpiresAt > Now);
        var count = await open.CountAsync(cancellationToken);
        var claimed = count == 0 ? 0 : await open.SumAsync(u => u.Length, cancellationToken);
        if (count >= limits.MaxOpenUploadsPerUser)
        {
            return $"You have {count} unfinished uploads; finish or cancel one before starting another (at most {limits.MaxOpenUploadsPerUser} at once).";
        }

        if (claimed + length > limits.MaxOpenUploadBytesPerUser)
        {
            return $"Your unfinished uploads already claim {claimed} bytes and this one {length}; together they may claim at most {limits.MaxOpenUploadBytesPerUser}. Finish or cancel some first.";
        }

        var kept = await KeptBytesAsync(db.Uploads.Where(u => u.OwnerId == ownerId), cancellationToken);
        if (kept + claimed + length > limits.MaxStoredBytesPerUser)
        {
            return $"Your uploads keep {kept} bytes and claim {claimed} more; with this one ({length}) that passes your storage quota of {limits.MaxStoredBytesPerUser} bytes. Ask your administrator for more room.";
        }

        if (limits.MaxStoredBytesPerSchool > 0 && organisationId is { } school)
        {
            var schoolKept = await KeptBytesAsync(db.Uploads.Where(u => u.OrganisationId == school), cancellationToken);
            if (schoolKept + length > limits.MaxStoredBytesPerSchool)
            {
                return $"Your school's uploads keep {schoolKept} bytes; this one ({length}) passes the school's storage quota of {limits.MaxStoredBytesPerSchool} bytes.";
            }
        }

        return null;
    }

    private static async Task<long> KeptBytesAsync(IQueryable<Upload> uploads, CancellationToken cancellationToken) =>
        await uploads.Where(u => (u.State == UploadState.Accepted || u.State == UploadState.Validating) && !u.BytesDiscarded)
            .SumAsync(u => (long?)u.Length, cancellationToken) ?? 0;

    public async Task<Upload> CreateAsync(Guid ownerId, Guid? organisationId, long length, string rawMetadata, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var upload = new Upload
        {
            Id = id,
            OwnerId = ownerId,
            OrganisationId = organisationId,
            Length = length,
            RawMetadata = rawMetadata,
            Metadata = metadata,
            BlobKey = $"uploads/{id:N}/source",
            State = UploadState.Receiving,
            CreatedAt = Now,
            UpdatedAt = Now,
            ExpiresAt = Now + options.Value.UploadExpiry,
        };
        await store.AppendAsync(upload.BlobKey, Stream.Null, cancellationToken);
        db.Uploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        if (length == 0)
        {
            await CompleteAsync(upload, hashOfNothing: true, cancellationToken);
        }

        return upload;
    }

    /// <summary>
    /// Takes a file from the server's import folder through the same path as an upload: stored as a blob
    /// (streamed and hashed in one pass), then validated.
    /// </summary>
    public async Task<Upload> ImportFileAsync(Guid ownerId, Guid? organisationId, FileInfo file, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var upload = await CreateAsync(ownerId, organisationId, file.Length, string.Empty, metadata, cancellationToken);
        if (upload.State != UploadState.Receiving)
        {
            return upload;
        }

        await using var source = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var outcome = await AppendAsync(upload.Id, 0, source, checksum: null, cancellationToken);
        return outcome.Offset == file.Length
            ? upload
            : throw new IOException($"only {outcome.Offset} of {file.Length} bytes could be read from {file.Name}");
    }

    public Task<Upload?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Uploads.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public async Task<long> StoredLengthAsync(Upload upload, CancellationToken cancellationToken) =>
        upload.State == UploadState.Receiving
            ? Math.Min(upload.Length, (await store.GetPropertiesAsync(upload.BlobKey, cancellationToken))?.Length ?? 0)
            : upload.Length;

    public async Task<AppendOutcome> AppendAsync(Guid id, long offset, Stream body, UploadChecksum? checksum, CancellationToken cancellationToken)
    {
        await using var lease = await WriterLeaseAsync(id, cancellationToken) ?? throw WriterBusy();
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        var upload = await db.Uploads.FirstAsync(u => u.Id == id, cancellationToken);
        if (upload.State != UploadState.Receiving)
        {
            return offset == upload.Length
                ? new AppendOutcome(upload.Length, upload.ExpiresAt, AppendError.None)
                : throw new UploadConflictException("The upload is already complete.", upload.Length);
        }

        var stored = await StoredLengthAsync(upload, cancellationToken);
        if (offset != stored)
        {
            throw new UploadConflictException($"Upload-Offset {offset} does not match the {stored} bytes stored; resume from {stored}.", stored);
        }

        var running = await hashes.ResumeAsync(id, upload.BlobKey, stored, cancellationToken);
        var error = AppendError.None;
        try
        {
            error = checksum is null
                ? await AppendStreamingAsync(upload, body, running, writing.Token)
                : await AppendVerifiedAsync(upload, body, running, checksum, writing.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // The client went away mid-body: what reached storage stays, and HEAD reports it.
            logger.LogInformation("Upload {Upload}: body ended early ({Reason})", id, e.GetType().Name);
        }

        var newLength = (await store.GetPropertiesAsync(upload.BlobKey, CancellationToken.None))?.Length ?? 0;
        if (running.Length != newLength)
        {
            hashes.Forget(id);
        }

        upload.Offset = Math.Min(newLength, upload.Length);
        upload.UpdatedAt = Now;
        upload.ExpiresAt = Now + options.Value.UploadExpiry;
        await db.SaveChangesAsync(CancellationToken.None);
        if (upload.Offset == upload.Length && running.Length == newLength)
        {
            await CompleteAsync(upload, hashOfNothing: false, CancellationToken.None, running);
        }
        else
        {
            await notifier.ChangedAsync(upload);
        }

        return new AppendOutcome(upload.Offset, upload.ExpiresAt, error);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var lease = await WriterLeaseAsync(id, cancellationToken) ?? throw WriterBusy();
        var upload = await db.Uploads.FirstAsync(u => u.Id == id, cancellationToken);
        if (upload.State is UploadState.Accepted or UploadState.Validating)
        {
            throw new UploadConflictException(upload.LessonId is { } lesson
                ? $"The upload became lesson {lesson}; delete the lesson instead."
                : "The upload is being validated; it can be deleted once it is accepted or rejected.", null);
        }

        await store.DeleteAsync(upload.BlobKey, cancellationToken);
        hashes.Forget(id);
        db.Uploads.Remove(upload);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One writer per upload on every node: a second PATCH is refused (409) instead of interleaving bytes.</summary>
    private Task<RowLease?> WriterLeaseAsync(Guid id, CancellationToken cancellationToken) =>
        leases.TryAcquireAsync<IngestDbContext, Upload>(db => db.Uploads.Where(u => u.Id == id), options.Value.WriterLease, $"Upload {id}", cancellationToken);

    private static UploadConflictException WriterBusy() => new("Another request is writing to this upload right now.", null);

    private async Task<AppendError> AppendStreamingAsync(Upload upload, Stream body, RunningHash running, CancellationToken cancellationToken)
    {
        var observed = new BoundedReadStream(body, upload.Length - running.Length, running.Append);
        await store.AppendAsync(upload.BlobKey, observed, cancellationToken);
        return observed.Overflowed ? AppendError.BeyondLength : AppendError.None;
    }

    /// <summary>
    /// With Upload-Checksum, a chunk must be stored whole or not at all: it is spooled to a temp file while
    /// its digest is computed, and appended only when the digest matches.
    /// </summary>
    private async Task<AppendError> AppendVerifiedAsync(Upload upload, Stream body, RunningHash running, UploadChecksum checksum, CancellationToken cancellationToken)
    {
        var spool = Path.Combine(Path.GetTempPath(), $"media-chunk-{upload.Id:N}-{Guid.NewGuid():N}");
        try
        {
            using var digest = IncrementalHash.CreateHash(checksum.Algorithm);
            var observed = new BoundedReadStream(body, upload.Length - running.Length, bytes => digest.AppendData(bytes));
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await observed.CopyToAsync(file, cancellationToken);
            }

            if (!CryptographicOperations.FixedTimeEquals(digest.GetHashAndReset(), checksum.Expected))
            {
                return AppendError.ChecksumMismatch;
            }

            await using (var file = new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, useAsync: true))
            {
                await store.AppendAsync(upload.BlobKey, new BoundedReadStream(file, long.MaxValue, running.Append), cancellationToken);
            }

            return observed.Overflowed ? AppendError.BeyondLength : AppendError.None;
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private async Task CompleteAsync(Upload upload, bool hashOfNothing, CancellationToken cancellationToken, RunningHash? running = null)
    {
        upload.Sha256 = hashOfNothing ? Convert.ToHexStringLower(SHA256.HashData([])) : running!.CurrentHex();
        upload.State = UploadState.Validating;
        upload.UpdatedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        hashes.Forget(upload.Id);
        await notifier.ChangedAsync(upload);
        validation.Enqueue(upload.Id);
    }
}

internal enum AppendError
{
    None,
    ChecksumMismatch,
    BeyondLength,
}

internal sealed record AppendOutcome(long Offset, DateTimeOffset ExpiresAt, AppendError Error);

internal sealed class UploadConflictException(string message, long? storedOffset) : Exception(message)
{
    public long? StoredOffset { get; } = storedOffset;
}
