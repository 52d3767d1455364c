using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Media.Catalog.Search;

/// <summary>
/// A search's filters as one bit set per segment: lessons holding at least one term of every group — a group of one
/// for each filter (subject, grade…), one for the viewer's audience tokens, one for each common taxonomy word searched
/// for (its keyword fields); an empty group matches no lesson. Leap-frogging through postings for every candidate was
/// most of a broad query's time at a million lessons; combining bit sets takes one operation per 64 lessons, and the
/// text query then checks each candidate against the result with one bit test.
/// </summary>
internal sealed class LessonFilter(IReadOnlyList<IReadOnlyList<Term>> groups, BitSetRentals rentals) : Filter
{
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        // One kept set alone needs no combining: used as it is, with deleted lessons checked as it is read.
        if (groups is [[var only]] && TermBits.Kept(reader, only) is { } kept)
        {
            return BitsFilteredDocIdSet.Wrap(kept, acceptDocs);
        }

        FixedBitSet? lessons = null;
        foreach (var group in groups.OrderBy(g => g.Count))
        {
            if (group.Count == 1 && lessons is not null)
            {
                TermBits.And(reader, group[0], lessons);
                continue;
            }

            var any = rentals.Rent(reader.MaxDoc);
            foreach (var term in group)
            {
                TermBits.Or(reader, term, any);
            }

            if (lessons is null)
            {
                lessons = any;
            }
            else
            {
                lessons.And(any);
            }
        }

        if (lessons is null)
        {
            lessons = rentals.Rent(reader.MaxDoc);
            lessons.Set(0, reader.MaxDoc);
        }

        if (acceptDocs is not null)
        {
            lessons.And(TermBits.Live(acceptDocs, reader.MaxDoc));
        }

        return lessons;
    }

    public override string ToString() => $"LessonFilter({string.Join(" AND ", groups.Select(g => "(" + string.Join(" OR ", g) + ")"))})";
}

/// <summary>
/// The bit sets one search combines its filters into. A million lessons make a 122 KiB set: allocated per query, such
/// sets land on the large-object heap and set off full collections; rented words go back when the search is done.
/// </summary>
internal sealed class BitSetRentals : IDisposable
{
    private readonly List<long[]> _rented = [];

    public FixedBitSet Rent(int size)
    {
        var words = ArrayPool<long>.Shared.Rent(FixedBitSet.Bits2words(size));
        // Rented words hold the last user's bits.
        Array.Clear(words);
        lock (_rented)
        {
            _rented.Add(words);
        }

        return new FixedBitSet(words, size);
    }

    public void Dispose()
    {
        lock (_rented)
        {
            _rented.ForEach(words => ArrayPool<long>.Shared.Return(words));
            _rented.Clear();
        }
    }
}

/// <summary>
/// Each segment's bit sets of its common terms (one lesson in 64 or more: a bit set is then no bigger than the postings),
/// read once and dropped with the segment; rare terms are read from their postings each time, which costs little.
/// They live in the segment's <see cref="SegmentCache"/>, within its memory budget.
/// </summary>
internal static class TermBits
{
    private const int CommonShare = 64;
    private static readonly ConditionalWeakTable<IBits, FixedBitSet> LiveSets = new();

    /// <summary>The term's bit set if this segment keeps it already (a common term searched for before).</summary>
    public static FixedBitSet? Kept(AtomicReader reader, Term term) => SegmentCache.Of(reader)?.TermSets.GetValueOrDefault(term);

    /// <summary>How many of <paramref name="lessons"/> hold the term.</summary>
    public static long CountIn(AtomicReader reader, Term term, FixedBitSet lessons)
    {
        switch (Find(reader, term))
        {
            case FixedBitSet bits:
                return FixedBitSet.IntersectionCount(bits, lessons);
            case DocIdSetIterator docs:
                long count = 0;
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    count += lessons.Get(doc) ? 1 : 0;
                }

                return count;
            default:
                return 0;
        }
    }

    public static void Or(AtomicReader reader, Term term, FixedBitSet target)
    {
        switch (Find(reader, term))
        {
            case FixedBitSet bits:
                target.Or(bits);
                break;
            case DocIdSetIterator docs:
                target.Or(docs);
                break;
        }
    }

    public static void And(AtomicReader reader, Term term, FixedBitSet target)
    {
        switch (Find(reader, term))
        {
            case FixedBitSet bits:
                target.And(bits);
                break;
            case DocIdSetIterator docs:
                target.And(docs);
                break;
            default:
                target.Clear(0, target.Length);
                break;
        }
    }

    /// <summary>A segment's live documents as a bit set, built once per set of deletions (a reader's live documents never change).</summary>
    public static FixedBitSet Live(IBits live, int size) => live as FixedBitSet ?? LiveSets.GetValue(live, bits =>
    {
        var set = new FixedBitSet(size);
        for (var doc = 0; doc < size; doc++)
        {
            if (bits.Get(doc))
            {
                set.Set(doc);
            }
        }

        return set;
    });

    /// <summary>The term's documents (deleted ones included): a kept bit set, a postings iterator, or null when no document has it.</summary>
    private static object? Find(AtomicReader reader, Term term)
    {
        var segment = SegmentCache.Of(reader);
        if (segment is not null && segment.TermSets.TryGetValue(term, out var kept))
        {
            return kept;
        }

        var terms = reader.GetTerms(term.Field)?.GetEnumerator();
        if (terms is null || !terms.SeekExact(term.Bytes))
        {
            return null;
        }

        var docs = terms.Docs(null, null, DocsFlags.NONE);
        if (segment is null || terms.DocFreq < Math.Max(1, reader.MaxDoc / CommonShare))
        {
            return docs;
        }

        // Room is taken before the set is built: once the budget is spent, common terms are read from their postings
        // like rare ones, rather than built into a set for every query and thrown away.
        var bytes = (long)FixedBitSet.Bits2words(reader.MaxDoc) * sizeof(long);
        if (!segment.TryReserve(bytes))
        {
            return docs;
        }

        var bits = new FixedBitSet(reader.MaxDoc);
        bits.Or(docs);
        if (!segment.TermSets.TryAdd(term, bits))
        {
            segment.Release(bytes);
        }

        return bits;
    }
}
