using System.ComponentModel.DataAnnotations;

namespace Media.Catalog;

/// <summary>Search engine choice and the demo library (section <c>Media:Catalog</c>).</summary>
internal sealed class CatalogOptions
{
    public const string Section = "Media:Catalog";
    public const string Lucene = "Lucene";
    public const string Elasticsearch = "Elasticsearch";

    /// <summary>Lucene (on disk under the data path) or Elasticsearch.</summary>
    public string SearchProvider { get; set; } = Lucene;

    /// <summary>Where the Lucene index lives; defaults to <c>{DataPath}/search</c>.</summary>
    public string? LucenePath { get; set; }

    public Uri? ElasticsearchUrl { get; set; }

    [RegularExpression("^[a-z0-9][a-z0-9_-]*$", ErrorMessage = "must be a lower-case Elasticsearch index name")]
    public string ElasticsearchIndex { get; set; } = "media-lessons";

    /// <summary>How many generated demo lessons to add to an empty catalog at start (0: none).</summary>
    [Range(0, 2_000_000)]
    public int DemoLessons { get; set; }

    /// <summary>
    /// How many short demo lessons with real video (slides with Chinese text and a tone, made by ffmpeg) to put through
    /// the real pipeline as the demo teacher at first start (0: none; needs <c>Media:Demo:Enabled</c>).
    /// </summary>
    [Range(0, 4)]
    public int DemoRecordings { get; set; }
}
