namespace Media.Transcoding.Contracts;

/// <summary>Transcoding of a lesson started (the catalog shows it as processing).</summary>
public sealed record LessonProcessing(Guid LessonId);

/// <summary>
/// A lesson's renditions are complete and published under <see cref="Prefix"/>: <c>{Prefix}master.m3u8</c>,
/// the variants, poster and thumbnails. Published again if a retried job finds the work already done.
/// </summary>
/// <param name="LessonId">The lesson.</param>
/// <param name="Prefix">Blob prefix of this published set (ends with '/').</param>
/// <param name="MasterPlaylistKey">Blob key of the HLS master playlist.</param>
/// <param name="PosterKey">Blob key of the poster image.</param>
/// <param name="Renditions">The video rungs, highest first.</param>
/// <param name="SuggestedChapters">Chapter starts found from scene changes and pauses in speech, first at 0.</param>
/// <param name="IntegratedLoudness">EBU R128 integrated loudness of the source in LUFS, when it has audio.</param>
public sealed record LessonPublished(
    Guid LessonId,
    string Prefix,
    string MasterPlaylistKey,
    string PosterKey,
    IReadOnlyList<RenditionInfo> Renditions,
    IReadOnlyList<ChapterMark> SuggestedChapters,
    double? IntegratedLoudness);

/// <summary>A chapter: where it starts and what it is called.</summary>
public sealed record ChapterMark(double StartSeconds, string Title);

/// <summary>
/// A teacher cut a clip (知识点 segment) from a published lesson: the clip is a lesson of its own, made from the
/// parent's source between the two times.
/// </summary>
public sealed record ClipRequested(Guid ClipLessonId, Guid ParentLessonId, Guid OwnerId, double StartSeconds, double EndSeconds);

/// <summary>One video rung of a published ladder.</summary>
public sealed record RenditionInfo(int Width, int Height, long MaxBitRate, string PlaylistKey);

/// <summary>Transcoding failed for good (after retries), with the reason ffmpeg gave.</summary>
public sealed record LessonTranscodeFailed(Guid LessonId, string Reason);
