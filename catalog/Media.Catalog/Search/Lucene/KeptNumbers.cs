using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Media.Catalog.Search;

/// <summary>
/// Sorting by a number field (published, views, rating) read from an array each segment keeps. Lucene reads numeric
/// doc values through a packed reader at about 60 ns a lesson: most of a browse by subject and grade that
/// matches 150,000 of a million lessons. The arrays (8 bytes a lesson and field) live in the segment's <see cref="SegmentCache"/>.
/// </summary>
internal sealed class KeptNumbers : FieldComparerSource
{
    public static readonly KeptNumbers Instance = new();

    private KeptNumbers()
    {
    }

    public override FieldComparer NewComparer(string fieldname, int numHits, int sortPos, bool reversed) => new Comparer(fieldname, numHits);

    private static long[] Of(AtomicReader reader, string field) => SegmentCache.NumbersOf(reader, field);

    private sealed class Comparer(string field, int hits) : FieldComparer<J2N.Numerics.Int64>
    {
        private readonly long[] _slots = new long[hits];
        private long[] _numbers = [];
        private long _bottom;
        private long _top;

        public override J2N.Numerics.Int64 this[int slot] => J2N.Numerics.Int64.GetInstance(_slots[slot]);

        public override int Compare(int slot1, int slot2) => _slots[slot1].CompareTo(_slots[slot2]);

        public override void SetBottom(int slot) => _bottom = _slots[slot];

        public override void SetTopValue(J2N.Numerics.Int64 value) => _top = value?.ToInt64() ?? 0;

        public override int CompareBottom(int doc) => _bottom.CompareTo(_numbers[doc]);

        public override int CompareTop(int doc) => _top.CompareTo(_numbers[doc]);

        public override void Copy(int slot, int doc) => _slots[slot] = _numbers[doc];

        public override FieldComparer SetNextReader(AtomicReaderContext context)
        {
            _numbers = Of(context.AtomicReader, field);
            return this;
        }
    }
}
