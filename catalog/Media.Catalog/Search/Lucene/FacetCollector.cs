using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Media.Catalog.Search;

/// <summary>
/// Counts the facet values of a search's hits, segment by segment: one hit at a time from the segment's ordinals when
/// the hits are few, by overlaps of each value's lessons with the hits when they are many.
/// </summary>
/// <summary>
/// Counts facet values over every matching lesson. Hits are marked in a bit set per segment. Where a query matched
/// few of a segment's lessons, each hit is counted from the segment's decoded ordinals (cached per segment core,
/// which never changes: eight neighbouring numbers a hit); where it matched many (a browse by subject and grade:
/// 150,000 of a million), each value is counted at once as the overlap of the hits with the value's lessons, 64
/// lessons an operation.
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> fields, BitSetRentals rentals) : ICollector
{
    /// <summary>Counting by overlaps costs about as much as counting one hit in eight one by one.</summary>
    private const int ManyHitsShare = 32;

    private readonly Dictionary<string, Dictionary<string, long>> _counts = fields.ToDictionary(f => f, _ => new Dictionary<string, long>());
    private AtomicReader? _reader;
    private SegmentOrdinals? _segment;
    private FixedBitSet? _hits;
    private int _hitCount;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        _reader = reader;
        _segment = SegmentCache.OrdinalsOf(reader, fields);
        _hits = rentals.Rent(reader.MaxDoc);
        _hitCount = 0;
    }

    public void Collect(int doc)
    {
        _hits!.Set(doc);
        _hitCount++;
    }

    public Dictionary<string, IReadOnlyList<FacetCount>> Counts()
    {
        Flush();
        return _counts.ToDictionary(
            f => f.Key,
            f => (IReadOnlyList<FacetCount>)f.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new FacetCount(v.Key, v.Value)).ToList());
    }

    private void Flush()
    {
        if (_segment is null || _reader is null || _hits is null || _hitCount == 0)
        {
            return;
        }

        if ((long)_hitCount * ManyHitsShare < _reader.MaxDoc)
        {
            CountEachHit(_segment, _hits);
        }
        else
        {
            for (var i = 0; i < fields.Count; i++)
            {
                for (var ord = 0; ord < _segment.Names[i].Length; ord++)
                {
                    Add(fields[i], _segment.Names[i][ord], TermBits.CountIn(_reader, _segment.Terms[i][ord], _hits));
                }
            }
        }

        _segment = null;
    }

    private void CountEachHit(SegmentOrdinals segment, FixedBitSet hits)
    {
        // Slot 0 of each field counts lessons without a value, which no facet shows.
        var counts = segment.Names.Select(names => new int[names.Length + 1]).ToArray();
        var words = hits.GetBits().AsSpan(0, FixedBitSet.Bits2words(hits.Length));
        if (segment.Narrow is { } narrow)
        {
            CountEachHit(narrow, words, counts);
        }
        else
        {
            CountEachHit(segment.Wide!, words, counts);
        }

        for (var i = 0; i < counts.Length; i++)
        {
            for (var ord = 1; ord < counts[i].Length; ord++)
            {
                Add(fields[i], segment.Names[i][ord - 1], counts[i][ord]);
            }
        }
    }

    private static void CountEachHit<TOrdinal>(TOrdinal[] ordinals, ReadOnlySpan<long> hits, int[][] counts)
        where TOrdinal : IBinaryInteger<TOrdinal>
    {
        for (var at = 0; at < hits.Length; at++)
        {
            for (var word = hits[at]; word != 0; word &= word - 1)
            {
                var row = ((at << 6) + BitOperations.TrailingZeroCount(word)) * counts.Length;
                for (var i = 0; i < counts.Length; i++)
                {
                    counts[i][int.CreateTruncating(ordinals[row + i])]++;
                }
            }
        }
    }

    private void Add(string field, string value, long count)
    {
        if (count > 0)
        {
            var counts = _counts[field];
            counts[value] = counts.GetValueOrDefault(value) + count;
        }
    }
}

/// <summary>One segment's facet ordinals per document (-1: no value) and the value of each ordinal, decoded once.</summary>
internal sealed class SegmentOrdinals
{
    public SegmentOrdinals(AtomicReader reader, IReadOnlyList<string> fields)
    {
        var values = fields.Select(f => reader.GetSortedDocValues(LuceneLessonIndex.KeywordPrefix + f)).ToArray();
        // Facet fields have few values (a few hundred regions at most): two bytes an ordinal keep the table small.
        if (values.Max(field => field?.ValueCount ?? 0) < ushort.MaxValue)
        {
            Narrow = Decode<ushort>(reader.MaxDoc, values);
        }
        else
        {
            Wide = Decode<int>(reader.MaxDoc, values);
        }

        var term = new BytesRef();
        Names = values.Select(field => Enumerable.Range(0, field?.ValueCount ?? 0).Select(ord =>
        {
            field!.LookupOrd(ord, term);
            return term.Utf8ToString();
        }).ToArray()).ToArray();
        Terms = Names.Select((names, i) => names.Select(name => new Term(LuceneLessonIndex.KeywordPrefix + fields[i], name)).ToArray()).ToArray();
    }

    public string[][] Names { get; }

    /// <summary>What the ordinal table takes (names and terms are few and not counted).</summary>
    public long Bytes => Narrow is { } narrow ? (long)narrow.Length * sizeof(ushort) : (long)Wide!.Length * sizeof(int);

    /// <summary>The keyword term of each value: its lessons, for counting many hits by overlap.</summary>
    public Term[][] Terms { get; }

    /// <summary>Per lesson, per field: the value's ordinal + 1 (0: no value); one of the two is set.</summary>
    public ushort[]? Narrow { get; }

    public int[]? Wide { get; }

    /// <summary>A lesson's ordinals side by side: counting a hit reads one stretch of memory, not one per field.</summary>
    private static TOrdinal[] Decode<TOrdinal>(int lessons, SortedDocValues?[] values)
        where TOrdinal : IBinaryInteger<TOrdinal>
    {
        var ordinals = new TOrdinal[lessons * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            for (var doc = 0; values[i] is { } field && doc < lessons; doc++)
            {
                ordinals[doc * values.Length + i] = TOrdinal.CreateTruncating(field.GetOrd(doc) + 1);
            }
        }

        return ordinals;
    }
}
