using Media.Catalog.Search;

namespace Media.Catalog.Tests;

/// <summary>Runs the contract against a real Elasticsearch when <c>MEDIA_TEST_ELASTICSEARCH_URL</c> names one (none runs on this machine).</summary>
public sealed class ElasticsearchLessonIndexTests : LessonIndexContract
{
    private const string Variable = "MEDIA_TEST_ELASTICSEARCH_URL";

    private protected override Task<ILessonIndex> CreateIndexAsync()
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip($"{Variable} is not set: no Elasticsearch server to test against (none is installable here).");
        }

        return Task.FromResult<ILessonIndex>(new ElasticsearchLessonIndex(new Uri(url), $"media-test-{Guid.NewGuid():N}"));
    }
}
