using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Media.Catalog.Lessons;

namespace Media.Catalog.Search;

/// <summary>
/// Lucene.NET on disk with near-real-time readers. Text is indexed twice: SmartCn words (good for ordinary
/// words) and CJK bigrams (SmartCn cuts domain words such as 人教版 or 八年级下册 into single characters; bigram
/// phrases match them exactly). Taxonomy fields are keywords with doc values for filters and facet counts.
/// </summary>
internal sealed class LuceneLessonIndex : ILessonIndex, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string JsonField = "json";
    private const string TitleWords = "title";
    private const string TitleBigrams = "title_bi";
    private const string TitleExact = "title_exact";
    private const string BodyWords = "body";
    private const string BodyBigrams = "body_bi";
    private const string InsideWords = "inside";
    private const string InsideBigrams = "inside_bi";

    /// <summary>The timed text as JSON, read only for the hits of a searched page (never decoded into the segment cache).</summary>
    private const string TranscriptField = "transcript";
    private const string PublishedField = "published";
    private const string ViewsField = "views";
    private const string RatingField = "rating";
    internal const string KeywordPrefix = "k_";
    private const string AudienceField = "audience";

    /// <summary>The taxonomy values a lesson's title repeats (背影（人教版八年级上册）), as whole words.</summary>
    private const string TitleTerms = "title_terms";

    /// <summary>The keyword fields a searched word may name exactly.</summary>
    private static readonly string[] Keywords = [LessonFields.Edition, LessonFields.Volume, LessonFields.Grade, LessonFields.Subject, LessonFields.Stage,
        LessonFields.Unit, LessonFields.Lesson, LessonFields.TeacherTitle, LessonFields.Teacher, LessonFields.Award, LessonFields.Tag];

    /// <summary>A keyword value held by more than one lesson in this many (and by more than a thousand) is "common".</summary>
    private const int CommonKeywordShare = 50;

    private const int CommonKeywordMinimum = 1_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _replaceLock = new();
    private readonly SemaphoreSlim _searchSlots = new(Environment.ProcessorCount);

    public LuceneLessonIndex(string folder)
    {
        var current = Path.Combine(folder, LessonIndexSchema.Versioned("lessons"));
        System.IO.Directory.CreateDirectory(current);
        DeleteOlderLayouts(folder);
        // Not FSDirectory.Open's memory-mapped directory: Lucene.NET's mapped inputs register every clone (several per
        // query) in a ConditionalWeakTable, and the dependent handles made each garbage collection slower, until
        // collections took all the time (3,000 → 560 queries/s within 30 s of load, GC pauses most of every second).
        // Positional file reads hit the same page cache and keep the rate steady.
        _directory = new NIOFSDirectory(current);
        var words = new SmartChineseAnalyzer(Version);
        var bigrams = new CJKAnalyzer(Version);
        _analyzer = new PerFieldAnalyzerWrapper(words, new Dictionary<string, Analyzer>
        {
            [TitleBigrams] = bigrams,
            [BodyBigrams] = bigrams,
            [InsideBigrams] = bigrams,
        });
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND, RAMBufferSizeMB = 64 });
        _searchers = new SearcherManager(_writer, true, null);
    }

    /// <summary>
    /// Indexes an older release wrote: the first layout's files lay in the folder itself, later ones in lessons-v{n}.
    /// The current index is rebuilt from the database, so they are only disk space (gigabytes at a million lessons).
    /// </summary>
    private static void DeleteOlderLayouts(string folder)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("segments", StringComparison.Ordinal) || name.StartsWith('_') || name == "write.lock")
            {
                File.Delete(file);
            }
        }

        for (var version = 2; version < LessonIndexSchema.Version; version++)
        {
            var older = Path.Combine(folder, $"lessons-v{version}");
            if (System.IO.Directory.Exists(older))
            {
                System.IO.Directory.Delete(older, recursive: true);
            }
        }
    }

    public Task UpsertAsync(IReadOnlyCollection<LessonDocument> lessons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        foreach (var lesson in lessons)
        {
            _writer.UpdateDocument(new Term(IdField, IdOf(lesson.Id)), ToDocument(lesson));
        }

        CommitAndRefresh();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        _writer.DeleteDocuments(new Term(IdField, IdOf(lessonId)));
        CommitAndRefresh();
        return Task.CompletedTask;
    }

    public async Task<long> ReplaceAllAsync(IAsyncEnumerable<LessonDocument> lessons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        long count = 0;
        // Readers are refreshed only after the commit, so searches keep seeing the old index until then.
        _writer.DeleteAll();
        // Analysis (SmartCn, bigrams) is the cost and IndexWriter takes documents from several threads: one per core.
        var queue = Channel.CreateBounded<LessonDocument>(new BoundedChannelOptions(1_000) { SingleWriter = true });
        var analysers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var lesson in queue.Reader.ReadAllAsync(cancellationToken))
                {
                    _writer.AddDocument(ToDocument(lesson));
                    Interlocked.Increment(ref count);
                }
            }
            catch (Exception e)
            {
                // Stops the reading side too, rather than leaving it waiting on a full queue.
                queue.Writer.TryComplete(e);
                throw;
            }
        }, cancellationToken)).ToList();
        try
        {
            await foreach (var lesson in lessons.WithCancellation(cancellationToken))
            {
                await queue.Writer.WriteAsync(lesson, cancellationToken);
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(analysers);
        }

        // Fewer segments, fewer term lookups per query: a rebuild is rare, queries are not.
        _writer.ForceMerge(1);
        CommitAndRefresh();
        return count;
    }

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return Task.FromResult((long)searcher.IndexReader.NumDocs);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public Task<LessonSearchResult> SearchAsync(LessonQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = SearchHighlighter.WordsOf(query.Text);
        return InSearchSlotAsync(searcher =>
        {
            var result = Run(searcher, query, words, everyWord: !query.AnyWord);
            // Chinese is often typed without spaces; when no lesson has every word, rank those with most.
            return result.Total == 0 && words.Count > 0 ? Run(searcher, query, words, everyWord: false) : result;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TitleSuggestion>> CompleteAsync(string prefix, int take, IReadOnlyCollection<string>? audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var text = prefix.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<TitleSuggestion>>([]);
        }

        var query = new BooleanQuery { new BooleanClause(new PrefixQuery(new Term(TitleExact, text)) { Boost = 4 }, Occur.SHOULD) };
        var bigrams = Tokens(TitleBigrams, text);
        if (bigrams.Count > 0)
        {
            // Every two-character piece but (for longer prefixes) two: one mistyped character breaks at most two pieces.
            var pieces = new BooleanQuery { MinimumNumberShouldMatch = Math.Max(1, bigrams.Count - (bigrams.Count >= 3 ? 2 : 0)) };
            foreach (var bigram in bigrams.Distinct())
            {
                pieces.Add(new TermQuery(new Term(TitleBigrams, bigram)), Occur.SHOULD);
            }

            query.Add(pieces, Occur.SHOULD);
        }

        foreach (var word in Tokens(TitleWords, text).Where(w => w.Length >= 4 && w.All(char.IsAsciiLetterOrDigit)))
        {
            query.Add(new FuzzyQuery(new Term(TitleWords, word), 1), Occur.SHOULD);
        }

        return InSearchSlotAsync<IReadOnlyList<TitleSuggestion>>(searcher =>
        {
            using var rentals = new BitSetRentals();
            var filter = audience is not null && AudienceTerms(searcher.IndexReader, audience) is { } visible ? new LessonFilter([visible], rentals) : null;
            var top = searcher.Search(filter is null ? query : new FilteredQuery(query, filter), Math.Max(take * 3, take));
            return top.ScoreDocs
                .Select(hit => Read(searcher, hit.Doc))
                .DistinctBy(lesson => lesson.Title)
                .Take(take)
                .Select(lesson => new TitleSuggestion(lesson.Id, lesson.Title))
                .ToList();
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a search once one of the per-core slots is free. A search only computes (the index files sit in the page cache), so more
    /// of them at once than there are cores only makes the system switch between them: a query preempted half-way
    /// waited behind every other one, and the 1 % slowest took 10–40 times the median. Waiting searches queue in order.
    /// </summary>
    private async Task<T> InSearchSlotAsync<T>(Func<IndexSearcher, T> search, CancellationToken cancellationToken)
    {
        await _searchSlots.WaitAsync(cancellationToken);
        var searcher = _searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
            _searchSlots.Release();
        }
    }

    public void Dispose()
    {
        _searchSlots.Dispose();
        _searchers.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private LessonSearchResult Run(IndexSearcher searcher, LessonQuery query, IReadOnlyList<string> words, bool everyWord)
    {
        using var rentals = new BitSetRentals();
        var lucene = BuildQuery(searcher.IndexReader, query, words, everyWord, rentals);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var wanted = page * size;
        var sort = query.Sort == LessonSort.Relevance && words.Count == 0 ? LessonSort.Newest : query.Sort;
        ITopDocsCollector top = sort switch
        {
            LessonSort.Relevance => TopScoreDocCollector.Create(wanted, false),
            // Sorted by a field, a hit's score is never used: skip computing it for every match.
            _ => TopFieldCollector.Create(SortOf(sort), wanted, false, false, false, false),
        };
        var facets = query.WithFacets ? new FacetCollector(LessonFields.Facets, rentals) : null;
        searcher.Search(lucene, facets is null ? top : MultiCollector.Wrap(top, facets));
        var docs = top.GetTopDocs((page - 1) * size, size);
        var items = docs.ScoreDocs.Select(hit => LessonSearchHit.Of(
            Read(searcher, hit.Doc), words.Count > 0 ? TranscriptOf(searcher, hit.Doc) : [], words, float.IsNaN(hit.Score) ? 0 : hit.Score)).ToList();
        return new LessonSearchResult(top.TotalHits, items, facets?.Counts() ?? new Dictionary<string, IReadOnlyList<FacetCount>>());
    }

    private Query BuildQuery(IndexReader reader, LessonQuery query, IReadOnlyList<string> words, bool everyWord, BitSetRentals rentals)
    {
        List<IReadOnlyList<Term>> groups = [.. query.Filters.Select(f => new[] { new Term(KeywordPrefix + f.Key, f.Value) })];
        if (query.Audience is { } viewer && AudienceTerms(reader, viewer) is { } audience)
        {
            groups.Add(audience);
        }

        var text = new BooleanQuery();
        var anyWord = new BooleanQuery();
        var titled = new List<Query>();
        foreach (var word in words)
        {
            if (!everyWord)
            {
                anyWord.Add(WordQuery(reader, word, rentals), Occur.SHOULD);
                foreach (var bigram in Tokens(BodyBigrams, word).Distinct())
                {
                    anyWord.Add(new TermQuery(new Term(TitleBigrams, bigram)) { Boost = 2 }, Occur.SHOULD);
                    anyWord.Add(new TermQuery(new Term(BodyBigrams, bigram)), Occur.SHOULD);
                    anyWord.Add(new TermQuery(new Term(InsideBigrams, bigram)) { Boost = 0.5f }, Occur.SHOULD);
                }
            }
            else if (CommonHolders(reader, word) is { } holders)
            {
                // Every lesson found holds the value: it joins the filters, and lessons whose title repeats it rank first.
                groups.Add(holders);
                titled.Add(TitleRepeats(word));
            }
            else
            {
                text.Add(WordQuery(reader, word, rentals), Occur.MUST);
            }
        }

        if (anyWord.Clauses.Count > 0)
        {
            text.Add(anyWord, Occur.MUST);
        }

        var filter = groups.Count > 0 ? new LessonFilter(groups, rentals) : null;
        Query root;
        if (text.Clauses.Count > 0)
        {
            titled.ForEach(title => text.Add(title, Occur.SHOULD));
            root = filter is null ? text : new FilteredQuery(text, filter);
        }
        else
        {
            // Filters (and common words) alone select the lessons; with none, every lesson.
            root = filter is null ? new MatchAllDocsQuery() : new ConstantScoreQuery(filter);
            if (titled.Count > 0)
            {
                var ranked = new BooleanQuery { { root, Occur.MUST } };
                titled.ForEach(title => ranked.Add(title, Occur.SHOULD));
                root = ranked;
            }
        }

        if (query.Exclude is not { Count: > 0 } excluded)
        {
            return root;
        }

        var withoutExcluded = new BooleanQuery { { root, Occur.MUST } };
        foreach (var id in excluded)
        {
            withoutExcluded.Add(new TermQuery(new Term(IdField, IdOf(id))), Occur.MUST_NOT);
        }

        return withoutExcluded;
    }

    /// <summary>
    /// The viewer's audience tokens that some lesson carries (none: the viewer sees no lesson); null when the viewer may
    /// see every lesson in the index. Only tokens some lesson carries take part, so the usual case (most lessons open to
    /// everyone signed in, a few to one school) combines one or two sets, not ten.
    /// </summary>
    private static List<Term>? AudienceTerms(IndexReader reader, IReadOnlyCollection<string> viewer)
    {
        var present = viewer.Select(token => new Term(AudienceField, token)).Select(term => (Term: term, Lessons: reader.DocFreq(term)))
            .Where(held => held.Lessons > 0).ToList();
        // Every document (deleted ones included) carries exactly one of public and signed-in unless it is restricted.
        var open = present.Where(held => held.Term.Text is Audiences.Public or Audiences.SignedIn).Sum(held => held.Lessons);
        return open >= reader.MaxDoc ? null : present.ConvertAll(held => held.Term);
    }

    /// <summary>One query word matches its SmartCn words, its bigram phrase, or a taxonomy keyword exactly; the title counts most.</summary>
    private BooleanQuery WordQuery(IndexReader reader, string word, BitSetRentals rentals)
    {
        if (CommonHolders(reader, word) is { } holders)
        {
            return new BooleanQuery { { new ConstantScoreQuery(new LessonFilter([holders], rentals)), Occur.MUST }, { TitleRepeats(word), Occur.SHOULD } };
        }

        var any = new BooleanQuery();
        var words = Tokens(TitleWords, word);
        var bigrams = Tokens(TitleBigrams, word);
        // A two-character word (函数, 背影) is its own bigram: the SmartCn word would find what the bigram finds (and
        // a disjunction twice the size to walk), so the bigram alone carries both weights.
        var ownBigram = words is [var only] && only == word && bigrams is [var pair] && pair == word;
        // SmartCn leaves unknown words as single characters (人教版 → 人|教|版): their conjunction is slow (教 is in
        // nearly every lesson) and imprecise, so such words are left to the bigram phrase, which matches them exactly.
        if (!ownBigram && words.Count > 0 && (word.Length == 1 || words.All(w => w.Length > 1 || !IsCjk(w[0]))))
        {
            any.Add(AllTerms(TitleWords, words, 3), Occur.SHOULD);
            any.Add(AllTerms(BodyWords, words, 1), Occur.SHOULD);
            any.Add(AllTerms(InsideWords, words, 0.5f), Occur.SHOULD);
        }

        // What the lesson says and shows counts least: a word on one slide says less about a lesson than its title.
        if (bigrams.Count > 0)
        {
            any.Add(Phrase(TitleBigrams, bigrams, ownBigram ? 3 + 4 : 4), Occur.SHOULD);
            any.Add(Phrase(BodyBigrams, bigrams, ownBigram ? 1 + 1.5f : 1.5f), Occur.SHOULD);
            any.Add(Phrase(InsideBigrams, bigrams, ownBigram ? 0.5f + 0.75f : 0.75f), Occur.SHOULD);
        }

        foreach (var field in Keywords)
        {
            any.Add(new TermQuery(new Term(KeywordPrefix + field, word)) { Boost = 2 }, Occur.SHOULD);
        }

        return any;
    }

    /// <summary>
    /// The keyword terms holding a word that names a common taxonomy value (人教版, 八年级上册, 语文); null for other words.
    /// Such a word finds the lessons holding that value. Matching it as a phrase in every title and body that repeats it
    /// cost most of such a query at a million lessons and found almost nothing more (a title naming another edition).
    /// </summary>
    private static List<Term>? CommonHolders(IndexReader reader, string word)
    {
        var holders = Keywords.Select(field => new Term(KeywordPrefix + field, word)).Select(term => (Term: term, Lessons: reader.DocFreq(term)))
            .Where(held => held.Lessons > 0).ToList();
        return holders.Any(held => held.Lessons > Math.Max(CommonKeywordMinimum, reader.NumDocs / CommonKeywordShare))
            ? holders.ConvertAll(held => held.Term)
            : null;
    }

    private static TermQuery TitleRepeats(string word) => new(new Term(TitleTerms, word)) { Boost = 4 };

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF';

    private static BooleanQuery AllTerms(string field, List<string> tokens, float boost)
    {
        var all = new BooleanQuery { Boost = boost };
        foreach (var token in tokens)
        {
            all.Add(new TermQuery(new Term(field, token)), Occur.MUST);
        }

        return all;
    }

    private static PhraseQuery Phrase(string field, List<string> tokens, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        foreach (var token in tokens)
        {
            phrase.Add(new Term(field, token));
        }

        return phrase;
    }

    private List<string> Tokens(string field, string text)
    {
        var tokens = new List<string>();
        using var stream = _analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    private static Sort SortOf(LessonSort sort) => sort switch
    {
        LessonSort.MostViewed => new Sort(new SortField(ViewsField, KeptNumbers.Instance, true), new SortField(PublishedField, KeptNumbers.Instance, true)),
        LessonSort.Rating => new Sort(new SortField(RatingField, KeptNumbers.Instance, true), new SortField(PublishedField, KeptNumbers.Instance, true)),
        _ => new Sort(new SortField(PublishedField, KeptNumbers.Instance, true)),
    };

    private static Document ToDocument(LessonDocument lesson)
    {
        var document = new Document
        {
            new StringField(IdField, IdOf(lesson.Id), Field.Store.NO),
            new StoredField(JsonField, JsonSerializer.Serialize(lesson, Json)),
            new TextField(TitleWords, lesson.Title, Field.Store.NO),
            new TextField(TitleBigrams, lesson.Title, Field.Store.NO),
            new StringField(TitleExact, lesson.Title.ToLowerInvariant(), Field.Store.NO),
            new TextField(BodyWords, LessonFields.BodyOf(lesson), Field.Store.NO),
            new TextField(BodyBigrams, LessonFields.BodyOf(lesson), Field.Store.NO),
            new TextField(InsideWords, LessonFields.InsideOf(lesson), Field.Store.NO),
            new TextField(InsideBigrams, LessonFields.InsideOf(lesson), Field.Store.NO),
            new StoredField(TranscriptField, JsonSerializer.Serialize(lesson.Transcript, Json)),
            new NumericDocValuesField(PublishedField, lesson.PublishedAt.UtcTicks),
            new NumericDocValuesField(ViewsField, lesson.Views),
            // Rating first, then how many rated: 4.5 from 40 people before 5.0 from one.
            new NumericDocValuesField(RatingField, (long)Math.Round(lesson.Rating * 100) * 1_000_000 + Math.Min(lesson.RatingCount, 999_999)),
        };
        foreach (var field in LessonFields.Filters)
        {
            foreach (var value in LessonFields.ValuesOf(lesson, field))
            {
                document.Add(new StringField(KeywordPrefix + field, value, Field.Store.NO));
            }
        }

        foreach (var value in LessonFields.Filters.SelectMany(field => LessonFields.ValuesOf(lesson, field)).Distinct())
        {
            if (lesson.Title.Contains(value, StringComparison.Ordinal))
            {
                document.Add(new StringField(TitleTerms, value, Field.Store.NO));
            }
        }

        foreach (var token in lesson.Audience)
        {
            document.Add(new StringField(AudienceField, token, Field.Store.NO));
        }

        // Facet fields hold one value per lesson: single-valued doc values are the cheapest to count.
        foreach (var field in LessonFields.Facets)
        {
            if (LessonFields.ValuesOf(lesson, field).FirstOrDefault() is { } value)
            {
                document.Add(new SortedDocValuesField(KeywordPrefix + field, new BytesRef(value)));
            }
        }

        return document;
    }

    /// <summary>
    /// The stored lesson of a hit. Decoding (decompressing the stored block, parsing JSON) is most of what a result page
    /// costs, so each segment keeps the lessons it has decoded: a segment's documents never change (an update adds a
    /// new document elsewhere), and the cache goes with the segment.
    /// </summary>
    private static LessonDocument Read(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var local = doc - leaf.DocBase;
        var segment = SegmentCache.Of(leaf.AtomicReader);
        if (segment?.Decoded[local] is { } known)
        {
            return known;
        }

        var lesson = JsonSerializer.Deserialize<LessonDocument>(leaf.AtomicReader.Document(local).Get(JsonField, CultureInfo.InvariantCulture), Json)!;
        segment?.KeepDecoded(local, lesson);
        return lesson;
    }

    private static List<TimedLine> TranscriptOf(IndexSearcher searcher, int doc) =>
        searcher.Doc(doc, TranscriptFields).Get(TranscriptField, CultureInfo.InvariantCulture) is { Length: > 2 } json
            ? JsonSerializer.Deserialize<List<TimedLine>>(json, Json)!
            : [];

    private static readonly ISet<string> TranscriptFields = new HashSet<string> { TranscriptField };

    private static string IdOf(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    private void CommitAndRefresh()
    {
        lock (_replaceLock)
        {
            _writer.Commit();
            _searchers.MaybeRefreshBlocking();
        }
    }

}
