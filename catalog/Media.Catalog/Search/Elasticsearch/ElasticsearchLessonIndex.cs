using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Media.Catalog.Lessons;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace Media.Catalog.Search;

/// <summary>
/// Elasticsearch through Elastic.Clients.Elasticsearch's transport with the query DSL as JSON. Text uses the
/// built-in <c>cjk</c> analyzer (bigrams, like the Lucene index's bigram fields; SmartCn would need a plugin),
/// taxonomy fields are keywords with terms aggregations for facets. Reads and writes go through an alias, so a
/// rebuild fills a new index and switches the alias atomically.
/// </summary>
internal sealed class ElasticsearchLessonIndex(Uri url, string indexName) : ILessonIndex, IDisposable
{
    private readonly string alias = LessonIndexSchema.Versioned(indexName);
    private const int BulkSize = 1_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] KeywordQueryFields = [LessonFields.Edition, LessonFields.Volume, LessonFields.Grade, LessonFields.Subject, LessonFields.Stage,
        LessonFields.Unit, LessonFields.Lesson, LessonFields.TeacherTitle, LessonFields.Teacher, LessonFields.Award, LessonFields.Tag];

    private readonly ElasticsearchClient _client = new(new ElasticsearchClientSettings(url));
    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _exists;

    public async Task UpsertAsync(IReadOnlyCollection<LessonDocument> lessons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        await EnsureIndexAsync(cancellationToken);
        foreach (var batch in lessons.Chunk(BulkSize))
        {
            await BulkAsync(alias, batch, cancellationToken);
        }
    }

    public async Task DeleteAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        var response = await SendAsync(HttpMethod.DELETE, $"/{alias}/_doc/{IdOf(lessonId)}?refresh=wait_for", null, cancellationToken, allowNotFound: true);
        _ = response;
    }

    public async Task<long> ReplaceAllAsync(IAsyncEnumerable<LessonDocument> lessons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        var fresh = $"{alias}-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        await SendAsync(HttpMethod.PUT, $"/{fresh}", IndexDefinition(), cancellationToken);
        long count = 0;
        var batch = new List<LessonDocument>(BulkSize);
        await foreach (var lesson in lessons.WithCancellation(cancellationToken))
        {
            batch.Add(lesson);
            if (batch.Count == BulkSize)
            {
                await BulkAsync(fresh, batch, cancellationToken);
                count += batch.Count;
                batch.Clear();
            }
        }

        await BulkAsync(fresh, batch, cancellationToken);
        count += batch.Count;

        var old = await IndicesBehindAliasAsync(cancellationToken);
        var actions = new JsonArray(new JsonObject { ["add"] = new JsonObject { ["index"] = fresh, ["alias"] = alias } });
        foreach (var index in old)
        {
            actions.Add(new JsonObject { ["remove_index"] = new JsonObject { ["index"] = index } });
        }

        await SendAsync(HttpMethod.POST, "/_aliases", new JsonObject { ["actions"] = actions }, cancellationToken);
        _exists = true;
        return count;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        var response = await SendAsync(HttpMethod.GET, $"/{alias}/_count", null, cancellationToken);
        return response["count"]!.GetValue<long>();
    }

    public async Task<LessonSearchResult> SearchAsync(LessonQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureIndexAsync(cancellationToken);
        var words = SearchHighlighter.WordsOf(query.Text);
        var result = await RunAsync(query, words, everyWord: !query.AnyWord, cancellationToken);
        if (result.Total == 0 && words.Count > 0 && !query.AnyWord)
        {
            result = await RunAsync(query, words, everyWord: false, cancellationToken);
        }

        return result;
    }

    public async Task<IReadOnlyList<TitleSuggestion>> CompleteAsync(string prefix, int take, IReadOnlyCollection<string>? audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var text = prefix.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return [];
        }

        await EnsureIndexAsync(cancellationToken);
        var body = new JsonObject
        {
            ["size"] = take * 3,
            ["_source"] = new JsonArray("id", "title"),
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["should"] = new JsonArray(
                        new JsonObject { ["prefix"] = new JsonObject { ["title_exact"] = new JsonObject { ["value"] = text, ["boost"] = 4 } } },
                        // One mistyped character breaks at most two bigrams.
                        new JsonObject { ["match"] = new JsonObject { ["title"] = new JsonObject { ["query"] = text, ["minimum_should_match"] = text.Length >= 4 ? "-2" : "1" } } }),
                    ["filter"] = audience is null ? new JsonArray() : new JsonArray(AudienceFilter(audience)),
                },
            },
        };
        var response = await SendAsync(HttpMethod.POST, $"/{alias}/_search", body, cancellationToken);
        return response["hits"]!["hits"]!.AsArray()
            .Select(hit => hit!["_source"]!.Deserialize<TitleSuggestion>(Json)!)
            .DistinctBy(s => s.Title).Take(take).ToList();
    }

    private async Task<LessonSearchResult> RunAsync(LessonQuery query, IReadOnlyList<string> words, bool everyWord, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var must = new JsonArray();
        var should = new JsonArray();
        foreach (var word in words)
        {
            (everyWord ? must : should).Add(WordQuery(word));
        }

        var filter = new JsonArray();
        foreach (var (field, value) in query.Filters)
        {
            filter.Add(new JsonObject { ["term"] = new JsonObject { [field] = value } });
        }

        if (query.Audience is { } audience)
        {
            filter.Add(AudienceFilter(audience));
        }

        var mustNot = new JsonArray();
        if (query.Exclude is { Count: > 0 } excluded)
        {
            mustNot.Add(new JsonObject { ["ids"] = new JsonObject { ["values"] = new JsonArray(excluded.Select(e => (JsonNode)IdOf(e)).ToArray()) } });
        }

        var boolQuery = new JsonObject { ["must"] = must, ["filter"] = filter, ["must_not"] = mustNot };
        if (should.Count > 0)
        {
            boolQuery["should"] = should;
            boolQuery["minimum_should_match"] = 1;
        }

        var sort = query.Sort == LessonSort.Relevance && words.Count == 0 ? LessonSort.Newest : query.Sort;
        var body = new JsonObject
        {
            ["from"] = (page - 1) * size,
            ["size"] = size,
            ["track_total_hits"] = true,
            // The timed text only travels when there are words to find in it.
            ["_source"] = words.Count > 0 ? new JsonArray("lesson", "transcript") : new JsonArray("lesson"),
            ["query"] = new JsonObject { ["bool"] = boolQuery },
            ["sort"] = sort switch
            {
                LessonSort.Relevance => new JsonArray("_score", new JsonObject { ["publishedAt"] = "desc" }),
                LessonSort.MostViewed => new JsonArray(new JsonObject { ["views"] = "desc" }, new JsonObject { ["publishedAt"] = "desc" }),
                LessonSort.Rating => new JsonArray(new JsonObject { ["rating"] = "desc" }, new JsonObject { ["ratingCount"] = "desc" }, new JsonObject { ["publishedAt"] = "desc" }),
                _ => new JsonArray(new JsonObject { ["publishedAt"] = "desc" }),
            },
        };
        if (query.WithFacets)
        {
            var aggregations = new JsonObject();
            foreach (var facet in LessonFields.Facets)
            {
                aggregations[facet] = new JsonObject { ["terms"] = new JsonObject { ["field"] = facet, ["size"] = 200 } };
            }

            body["aggs"] = aggregations;
        }

        var response = await SendAsync(HttpMethod.POST, $"/{alias}/_search", body, cancellationToken);
        var hits = response["hits"]!;
        var items = hits["hits"]!.AsArray().Select(hit =>
        {
            var source = hit!["_source"]!;
            var lesson = source["lesson"]!.Deserialize<LessonDocument>(Json)!;
            var transcript = words.Count > 0 && source["transcript"] is JsonArray lines ? lines.Deserialize<List<TimedLine>>(Json)! : [];
            var score = hit["_score"] is JsonValue value && value.TryGetValue<double>(out var s) ? s : 0;
            return LessonSearchHit.Of(lesson, transcript, words, score);
        }).ToList();
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>();
        if (response["aggregations"] is JsonObject aggregated)
        {
            foreach (var facet in LessonFields.Facets)
            {
                facets[facet] = aggregated[facet]!["buckets"]!.AsArray()
                    .Select(b => new FacetCount(b!["key_as_string"]?.GetValue<string>() ?? b["key"]!.ToString(), b["doc_count"]!.GetValue<long>()))
                    .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
            }
        }

        return new LessonSearchResult(hits["total"]!["value"]!.GetValue<long>(), items, facets);
    }

    private static JsonObject WordQuery(string word)
    {
        var any = new JsonArray(
            new JsonObject { ["match_phrase"] = new JsonObject { ["title"] = new JsonObject { ["query"] = word, ["boost"] = 4 } } },
            new JsonObject { ["match_phrase"] = new JsonObject { ["body"] = new JsonObject { ["query"] = word, ["boost"] = 1.5 } } },
            // What the lesson says and shows counts least, as in the Lucene index.
            new JsonObject { ["match_phrase"] = new JsonObject { ["inside"] = new JsonObject { ["query"] = word, ["boost"] = 0.75 } } });
        foreach (var field in KeywordQueryFields)
        {
            any.Add(new JsonObject { ["term"] = new JsonObject { [field] = new JsonObject { ["value"] = word, ["boost"] = 2 } } });
        }

        return new JsonObject { ["bool"] = new JsonObject { ["should"] = any, ["minimum_should_match"] = 1 } };
    }

    private async Task BulkAsync(string index, IReadOnlyCollection<LessonDocument> lessons, CancellationToken cancellationToken)
    {
        if (lessons.Count == 0)
        {
            return;
        }

        var lines = new StringBuilder();
        foreach (var lesson in lessons)
        {
            lines.Append(new JsonObject { ["index"] = new JsonObject { ["_index"] = index, ["_id"] = IdOf(lesson.Id) } }.ToJsonString()).Append('\n');
            lines.Append(SourceOf(lesson).ToJsonString()).Append('\n');
        }

        var response = await SendRawAsync(HttpMethod.POST, "/_bulk?refresh=wait_for", lines.ToString(), cancellationToken);
        if (response["errors"]?.GetValue<bool>() == true)
        {
            var first = response["items"]!.AsArray().Select(i => i!["index"]!["error"]).FirstOrDefault(e => e is not null);
            throw new InvalidOperationException($"Elasticsearch refused lessons in a bulk request: {first?.ToJsonString()}");
        }
    }

    /// <summary>Lessons whose audience shares a token with the viewer's.</summary>
    private static JsonObject AudienceFilter(IReadOnlyCollection<string> viewer) =>
        new() { ["terms"] = new JsonObject { ["audience"] = new JsonArray(viewer.Select(t => (JsonNode)t).ToArray()) } };

    private static JsonObject SourceOf(LessonDocument lesson)
    {
        var source = new JsonObject
        {
            ["id"] = lesson.Id,
            ["title"] = lesson.Title,
            ["title_exact"] = lesson.Title.ToLowerInvariant(),
            ["body"] = LessonFields.BodyOf(lesson),
            ["inside"] = LessonFields.InsideOf(lesson),
            ["transcript"] = JsonSerializer.SerializeToNode(lesson.Transcript, Json),
            ["publishedAt"] = lesson.PublishedAt,
            ["views"] = lesson.Views,
            ["rating"] = lesson.Rating,
            ["ratingCount"] = lesson.RatingCount,
            ["lesson"] = JsonSerializer.SerializeToNode(lesson, Json),
            ["audience"] = new JsonArray(lesson.Audience.Select(t => (JsonNode)t).ToArray()),
        };
        foreach (var field in LessonFields.Filters)
        {
            source[field] = new JsonArray(LessonFields.ValuesOf(lesson, field).Select(v => (JsonNode)v).ToArray());
        }

        return source;
    }

    private static JsonObject IndexDefinition()
    {
        var properties = new JsonObject
        {
            ["id"] = new JsonObject { ["type"] = "keyword" },
            ["title"] = new JsonObject { ["type"] = "text", ["analyzer"] = "cjk" },
            ["title_exact"] = new JsonObject { ["type"] = "keyword" },
            ["body"] = new JsonObject { ["type"] = "text", ["analyzer"] = "cjk" },
            ["inside"] = new JsonObject { ["type"] = "text", ["analyzer"] = "cjk" },
            ["transcript"] = new JsonObject { ["type"] = "object", ["enabled"] = false },
            ["publishedAt"] = new JsonObject { ["type"] = "date" },
            ["views"] = new JsonObject { ["type"] = "integer" },
            ["rating"] = new JsonObject { ["type"] = "float" },
            ["ratingCount"] = new JsonObject { ["type"] = "integer" },
            ["lesson"] = new JsonObject { ["type"] = "object", ["enabled"] = false },
            ["audience"] = new JsonObject { ["type"] = "keyword" },
        };
        foreach (var field in LessonFields.Filters)
        {
            properties[field] = new JsonObject { ["type"] = "keyword" };
        }

        return new JsonObject { ["mappings"] = new JsonObject { ["dynamic"] = "strict", ["properties"] = properties } };
    }

    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if (_exists)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken);
        try
        {
            if (!_exists && (await IndicesBehindAliasAsync(cancellationToken)).Count == 0)
            {
                var first = $"{alias}-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
                await SendAsync(HttpMethod.PUT, $"/{first}", IndexDefinition(), cancellationToken);
                await SendAsync(HttpMethod.POST, "/_aliases", new JsonObject
                {
                    ["actions"] = new JsonArray(new JsonObject { ["add"] = new JsonObject { ["index"] = first, ["alias"] = alias } }),
                }, cancellationToken);
            }

            _exists = true;
        }
        finally
        {
            _created.Release();
        }
    }

    private async Task<List<string>> IndicesBehindAliasAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.GET, $"/_alias/{alias}", null, cancellationToken, allowNotFound: true);
        return response.AsObject().Where(p => p.Key != "error" && p.Key != "status").Select(p => p.Key).ToList();
    }

    private Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool allowNotFound = false) =>
        SendRawAsync(method, path, body?.ToJsonString(), cancellationToken, allowNotFound);

    private async Task<JsonNode> SendRawAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        var endpoint = new EndpointPath(method, path);
        var response = await _client.Transport.RequestAsync<StringResponse>(
            in endpoint, body is null ? null : PostData.String(body), null, null, cancellationToken);
        var status = response.ApiCallDetails.HttpStatusCode;
        if (!response.ApiCallDetails.HasSuccessfulStatusCode && !(allowNotFound && status == 404))
        {
            throw new InvalidOperationException(
                $"Elasticsearch {method} {path} failed ({status?.ToString(CultureInfo.InvariantCulture) ?? "no response"}): {response.Body ?? response.ApiCallDetails.OriginalException?.Message}");
        }

        return string.IsNullOrEmpty(response.Body) ? new JsonObject() : JsonNode.Parse(response.Body) ?? new JsonObject();
    }

    public void Dispose() => _created.Dispose();

    private static string IdOf(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);
}
