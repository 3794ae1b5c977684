using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace BackOffice.Core.Common.Data;

/// <summary>A row as the provider stores it, read by position (<see cref="BackOfficeDb.ReadStored"/>).</summary>
public interface IStoredRow
{
    long Int64(int column);

    /// <summary>The column's stored text (a number stored as a number comes as its text), valid until the next row.</summary>
    ReadOnlySpan<byte> Utf8(int column);
}

/// <summary>Values from stored UTF-8 text as EF Core's SQLite provider writes them, without making a string on the way.</summary>
public static class StoredText
{
    /// <summary>"2026-10-01 09:30:00" with up to seven digits of fraction; anything else through the general parser.</summary>
    public static DateTime DateTime(ReadOnlySpan<byte> s)
    {
        if (s.Length >= 19 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T') && s[13] == ':' && s[16] == ':'
            && Digits(s, 0, 4, out var year) && Digits(s, 5, 2, out var month) && Digits(s, 8, 2, out var day) && Digits(s, 11, 2, out var hour)
            && Digits(s, 14, 2, out var minute) && Digits(s, 17, 2, out var second))
        {
            long ticks = 0;
            if (s.Length == 19 || s[19] == '.' && s.Length <= 27 && Digits(s, 20, s.Length - 20, out var fraction) && (ticks = Scale(fraction, s.Length - 20)) >= 0)
                return new DateTime(year, month, day, hour, minute, second).AddTicks(ticks);
        }
        return System.DateTime.Parse(Encoding.UTF8.GetString(s), CultureInfo.InvariantCulture);
    }

    public static decimal Decimal(ReadOnlySpan<byte> s) =>
        Utf8Parser.TryParse(s, out decimal value, out var used) && used == s.Length
            ? value
            : decimal.Parse(Encoding.UTF8.GetString(s), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        if (count <= 0) return false;
        for (var i = at; i < at + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    private static long Scale(int fraction, int digits)
    {
        long ticks = fraction;
        for (var i = digits; i < 7; i++) ticks *= 10;
        return ticks;
    }
}

/// <summary>The few distinct texts of a column (symbols, enum names) made once each: looked up by their UTF-8 bytes.</summary>
public sealed class StoredTexts<T>(Func<string, T> make)
{
    private readonly Dictionary<int, List<(byte[] Utf8, T Value)>> _known = [];

    public T Of(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var key = hash.ToHashCode();
        if (_known.TryGetValue(key, out var list))
            foreach (var (bytes, value) in list)
                if (utf8.SequenceEqual(bytes)) return value;
        var made = make(Encoding.UTF8.GetString(utf8));
        (list ??= (_known[key] = [])).Add((utf8.ToArray(), made));
        return made;
    }
}
