using System.Runtime.CompilerServices;

namespace BackOffice.Core.Reports;

/// <summary>
/// How many times each whole value occurs (a duration in tenths of an hour, say), kept in value order as two arrays. A day's
/// is read without hashing and two are added by merging them, so a year of days adds up in a few milliseconds where a
/// dictionary per day took tens.
/// </summary>
public sealed class Histogram
{
    private long[] _values = [];
    private long[] _counts = [];
    private long[] _spareValues = [];
    private long[] _spareCounts = []; // merged into, then swapped: a running total allocates only as it grows

    /// <summary>How many distinct values.</summary>
    public int Length { get; private set; }

    /// <summary>How many values were counted.</summary>
    public long Count { get; private set; }

    /// <summary>The values in ascending order with how many times each occurs.</summary>
    public IEnumerable<(long Value, long Count)> InOrder
    {
        get
        {
            for (var i = 0; i < Length; i++)
                yield return (_values[i], _counts[i]);
        }
    }

    public long this[long value] => Array.BinarySearch(_values, 0, Length, value) is var i and >= 0 ? _counts[i] : 0;

    /// <summary>Counts <paramref name="value"/> <paramref name="count"/> more times.</summary>
    public void Add(long value, long count = 1)
    {
        var i = Array.BinarySearch(_values, 0, Length, value);
        if (i >= 0)
            _counts[i] += count;
        else
        {
            i = ~i;
            if (Length == _values.Length)
            {
                Array.Resize(ref _values, Math.Max(8, Length * 2));
                Array.Resize(ref _counts, _values.Length);
            }
            Array.Copy(_values, i, _values, i + 1, Length - i);
            Array.Copy(_counts, i, _counts, i + 1, Length - i);
            (_values[i], _counts[i]) = (value, count);
            Length++;
        }
        Count += count;
    }

    /// <summary>Adds every count of <paramref name="other"/>, merging the two in value order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a year of days added up on a report's first call: no slow first tier
    public void Add(Histogram other)
    {
        if (other.Length == 0) return;
        if (Length == 0)
        {
            (_values, _counts, Length, Count) = (other._values[..other.Length], other._counts[..other.Length], other.Length, other.Count);
            return;
        }
        if (_spareValues.Length < Length + other.Length)
        {
            _spareValues = new long[Math.Max(Length + other.Length, _values.Length * 2)];
            _spareCounts = new long[_spareValues.Length];
        }
        var (values, counts) = (_spareValues, _spareCounts);
        int i = 0, j = 0, n = 0;
        while (i < Length && j < other.Length)
        {
            var (a, b) = (_values[i], other._values[j]);
            if (a < b)
                (values[n], counts[n]) = (a, _counts[i++]);
            else if (b < a)
                (values[n], counts[n]) = (b, other._counts[j++]);
            else
                (values[n], counts[n]) = (a, _counts[i++] + other._counts[j++]);
            n++;
        }
        for (; i < Length; i++, n++) (values[n], counts[n]) = (_values[i], _counts[i]);
        for (; j < other.Length; j++, n++) (values[n], counts[n]) = (other._values[j], other._counts[j]);
        (_spareValues, _spareCounts) = (_values, _counts);
        (_values, _counts, Length, Count) = (values, counts, n, Count + other.Count);
    }

    /// <summary>Sorts the pairs by value and adds up the counts of a value found more than once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Order()
    {
        Array.Sort(_values, _counts, 0, Length);
        var n = 0;
        for (var i = 0; i < Length; i++)
        {
            if (n > 0 && _values[n - 1] == _values[i])
                _counts[n - 1] += _counts[i];
            else
                (_values[n], _counts[n++]) = (_values[i], _counts[i]);
        }
        Length = n;
    }

    /// <summary>The number of pairs, then each value and its count, in value order.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt64(Length);
        for (var i = 0; i < Length; i++)
        {
            writer.Write7BitEncodedInt64(_values[i]);
            writer.Write7BitEncodedInt64(_counts[i]);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; pairs out of order (as written before they were kept in order) are put in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Histogram Read(BinaryReader reader)
    {
        var length = (int)reader.Read7BitEncodedInt64();
        var histogram = new Histogram { _values = new long[length], _counts = new long[length] };
        var ordered = true;
        for (var i = 0; i < length; i++)
        {
            var (value, count) = (reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64());
            if (i > 0 && value <= histogram._values[i - 1]) ordered = false;
            (histogram._values[i], histogram._counts[i]) = (value, count);
            histogram.Count += count;
        }
        histogram.Length = length;
        if (!ordered) histogram.Order();
        return histogram;
    }
}
