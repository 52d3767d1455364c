using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Media.Catalog.Search;

/// <summary>
/// Everything the Lucene engine keeps about one index segment, in one holder that goes when Lucene closes the segment:
/// bit sets of its common terms, the lessons it has decoded, its sort numbers and its facet ordinals. A segment's
/// documents never change (an update adds a document elsewhere), so nothing here is ever stale.
/// All segments share one memory budget: sort numbers and facet ordinals are always kept (searches need them) and count
/// against it, so the optional entries (term sets, decoded lessons) give way as the library grows.
/// </summary>
internal sealed class SegmentCache : SegmentReader.ICoreDisposedListener
{
    public const long BudgetBytes = 384L << 20;

    /// <summary>What a decoded lesson is taken to cost (about 1–2 KB of strings and lists).</summary>
    public const int DecodedLessonBytes = 2048;

    private static readonly ConditionalWeakTable<object, SegmentCache> Segments = new();
    private static long _used;

    private readonly System.Threading.Lock _ordinalsLock = new();
    private long _mine;
    private SegmentOrdinals? _ordinals;

    private SegmentCache(int lessons) => Decoded = new LessonDocument?[lessons];

    /// <summary>Memory the caches of all open segments take now.</summary>
    public static long UsedBytes => Interlocked.Read(ref _used);

    /// <summary>Bit sets of the segment's common terms (deleted documents included).</summary>
    public ConcurrentDictionary<Term, FixedBitSet> TermSets { get; } = new();

    /// <summary>The segment's lessons decoded so far, by document number.</summary>
    public LessonDocument?[] Decoded { get; }

    private ConcurrentDictionary<string, long[]> Numbers { get; } = new();

    /// <summary>The holder of a segment reader; null for other readers, which are then served without a cache.</summary>
    public static SegmentCache? Of(AtomicReader reader) =>
        reader is SegmentReader core ? Segments.GetValue(core.CoreCacheKey, _ => Watch(core)) : null;

    /// <summary>The segment's values of a number field, one per lesson (0 when a lesson has none).</summary>
    public static long[] NumbersOf(AtomicReader reader, string field)
    {
        if (Of(reader) is not { } cache)
        {
            return ReadNumbers(reader, field);
        }

        return cache.Numbers.GetOrAdd(field, name =>
        {
            var numbers = ReadNumbers(reader, name);
            cache.Charge((long)numbers.Length * sizeof(long));
            return numbers;
        });
    }

    /// <summary>The segment's facet ordinals for <paramref name="fields"/> (always the same facet fields), decoded once.</summary>
    public static SegmentOrdinals OrdinalsOf(AtomicReader reader, IReadOnlyList<string> fields)
    {
        if (Of(reader) is not { } cache)
        {
            return new SegmentOrdinals(reader, fields);
        }

        lock (cache._ordinalsLock)
        {
            if (cache._ordinals is null)
            {
                cache._ordinals = new SegmentOrdinals(reader, fields);
                cache.Charge(cache._ordinals.Bytes);
            }

            return cache._ordinals;
        }
    }

    /// <summary>Takes room for an optional entry; false (nothing taken) once the budget is spent.</summary>
    public bool TryReserve(long bytes)
    {
        if (Interlocked.Add(ref _used, bytes) > BudgetBytes)
        {
            Interlocked.Add(ref _used, -bytes);
            return false;
        }

        Interlocked.Add(ref _mine, bytes);
        return true;
    }

    /// <summary>Gives back room taken for an entry that was not kept after all.</summary>
    public void Release(long bytes)
    {
        Interlocked.Add(ref _used, -bytes);
        Interlocked.Add(ref _mine, -bytes);
    }

    /// <summary>Keeps a decoded lesson when there is room for it.</summary>
    public void KeepDecoded(int doc, LessonDocument lesson)
    {
        if (TryReserve(DecodedLessonBytes) && Interlocked.CompareExchange(ref Decoded[doc], lesson, null) is not null)
        {
            Release(DecodedLessonBytes);
        }
    }

    public void OnDispose(object ownerCoreCacheKey)
    {
        Segments.Remove(ownerCoreCacheKey);
        TermSets.Clear();
        Numbers.Clear();
        _ordinals = null;
        Interlocked.Add(ref _used, -Interlocked.Exchange(ref _mine, 0));
    }

    private static SegmentCache Watch(SegmentReader reader)
    {
        var cache = new SegmentCache(reader.MaxDoc);
        reader.AddCoreDisposedListener(cache);
        return cache;
    }

    private void Charge(long bytes)
    {
        Interlocked.Add(ref _used, bytes);
        Interlocked.Add(ref _mine, bytes);
    }

    private static long[] ReadNumbers(AtomicReader reader, string field)
    {
        var numbers = new long[reader.MaxDoc];
        if (reader.GetNumericDocValues(field) is { } values)
        {
            for (var doc = 0; doc < numbers.Length; doc++)
            {
                numbers[doc] = values.Get(doc);
            }
        }

        return numbers;
    }
}
