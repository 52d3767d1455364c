using Media.Catalog.Search;
using Media.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Catalog.Tests;

internal static class LessonIndexSwitch
{
    /// <summary>The host's real index (whichever engine it configured), wrapped by a test's fault switch.</summary>
    public static MediaServerFactory WithLessonIndex(this MediaServerFactory server, Func<ILessonIndex, ILessonIndex> wrap) => server.WithServices(services =>
    {
        var real = services.Last(d => d.ServiceType == typeof(ILessonIndex));
        services.Remove(real);
        services.AddSingleton(provider => wrap((ILessonIndex)real.ImplementationFactory!(provider)));
    });
}

/// <summary>Passes every call to the real index; a test's fault switch overrides the calls it meddles with.</summary>
internal abstract class DelegatingLessonIndex(ILessonIndex inner) : ILessonIndex
{
    public virtual Task UpsertAsync(IReadOnlyCollection<LessonDocument> lessons, CancellationToken cancellationToken) => inner.UpsertAsync(lessons, cancellationToken);

    public Task DeleteAsync(Guid lessonId, CancellationToken cancellationToken) => inner.DeleteAsync(lessonId, cancellationToken);

    public virtual Task<long> ReplaceAllAsync(IAsyncEnumerable<LessonDocument> lessons, CancellationToken cancellationToken) => inner.ReplaceAllAsync(lessons, cancellationToken);

    public Task<LessonSearchResult> SearchAsync(LessonQuery query, CancellationToken cancellationToken) => inner.SearchAsync(query, cancellationToken);

    public Task<IReadOnlyList<TitleSuggestion>> CompleteAsync(string prefix, int take, IReadOnlyCollection<string>? audience, CancellationToken cancellationToken) =>
        inner.CompleteAsync(prefix, take, audience, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
}
