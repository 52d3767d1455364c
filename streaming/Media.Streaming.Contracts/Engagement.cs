namespace Media.Streaming.Contracts;

/// <summary>A lesson's totals changed: a new view (one per viewer per day) or a download was counted.</summary>
public sealed record LessonEngagementChanged(Guid LessonId, int Views, int Downloads);

/// <summary>
/// A lesson a viewer watched: when last, whether they reached its end, where they stopped (their resume position)
/// and how long the lesson is (0 where its video is no longer published).
/// </summary>
public sealed record WatchedLesson(Guid LessonId, DateTimeOffset LastWatchedAt, bool Completed, double PositionSeconds = 0, double DurationSeconds = 0);

/// <summary>What a viewer watched recently, for recommendations.</summary>
public interface IViewingHistory
{
    /// <summary>The viewer's most recently watched lessons, newest first.</summary>
    Task<IReadOnlyList<WatchedLesson>> RecentAsync(Guid viewerId, int take, CancellationToken cancellationToken);

    /// <summary>How far each of these viewers got with one lesson; viewers who never opened it are left out.</summary>
    Task<IReadOnlyDictionary<Guid, WatchedLesson>> OfLessonAsync(Guid lessonId, IReadOnlyCollection<Guid> viewerIds, CancellationToken cancellationToken);
}

/// <summary>
/// Live HLS channels (名师课堂 broadcasts): a folder on this server that a live encoder keeps writing. Streaming
/// serves it like a published lesson — signed URLs, playlists never cached, segments immutable.
/// </summary>
public interface ILiveChannels
{
    void Open(Guid channelId, string folder, string title);

    /// <summary>Ends the channel: its playlist stays readable as a whole (DVR) until <see cref="Remove"/>.</summary>
    void Close(Guid channelId);

    void Remove(Guid channelId);
}
