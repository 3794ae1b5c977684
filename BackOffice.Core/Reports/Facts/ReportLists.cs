using System.Runtime.CompilerServices;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Core.Reports.Facts;

/// <summary>
/// A report's long lists (every approval, every failed payment, every alert): on screen the first rows, with how many there
/// are; in a file every row, read from the database while the file is written, so a million rows never sit in memory.
/// The streamed rows are read in a scope of their own, after the report query's scope has ended.
/// </summary>
public sealed class ReportLists(BackOfficeDb db, IServiceScopeFactory scopes)
{
    /// <param name="query">The list in its order, on the database given (the query's own, or the stream's).</param>
    /// <param name="total">How many rows the list has (from the report's totals, or counted).</param>
    public async Task<ReportTable> TableAsync<T>(ReportScope s, string name, string title, IReadOnlyList<ReportColumn> columns, long total,
        Func<BackOfficeDb, IQueryable<T>> query, Func<T, object?[]> row, CancellationToken ct)
    {
        if (s.ForFile)
            return new ReportTable(name, title, columns, []) { Total = total, Stream = c => StreamAsync(query, row, c) };
        var first = await query(db).Take(s.ScreenRows).ToListAsync(ct);
        return new ReportTable(name, title, columns, [.. first.Select(row)]) { Total = Math.Max(total, first.Count) };
    }

    /// <summary>
    /// Two lists ordered by the same key, as one list in that order: each is read in its own order (an index's), so the
    /// first rows of both come without sorting either.
    /// </summary>
    public async Task<ReportTable> MergedAsync<T, TKey>(ReportScope s, string name, string title, IReadOnlyList<ReportColumn> columns, long total,
        Func<BackOfficeDb, IQueryable<T>> first, Func<BackOfficeDb, IQueryable<T>> second, Func<T, TKey> key, Func<T, object?[]> row, CancellationToken ct)
        where TKey : IComparable<TKey>
    {
        if (s.ForFile)
            return new ReportTable(name, title, columns, []) { Total = total, Stream = c => MergeAsync(first, second, key, row, c) };
        var a = await first(db).Take(s.ScreenRows).ToListAsync(ct);
        var b = await second(db).Take(s.ScreenRows).ToListAsync(ct);
        var merged = Merge(a, b, key).Take(s.ScreenRows).Select(row).ToList();
        return new ReportTable(name, title, columns, merged) { Total = Math.Max(total, merged.Count) };
    }

    private async IAsyncEnumerable<object?[]> StreamAsync<T>(Func<BackOfficeDb, IQueryable<T>> query, Func<T, object?[]> row, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        await foreach (var item in query(own).AsAsyncEnumerable().WithCancellation(ct))
            yield return row(item);
    }

    private async IAsyncEnumerable<object?[]> MergeAsync<T, TKey>(Func<BackOfficeDb, IQueryable<T>> first, Func<BackOfficeDb, IQueryable<T>> second, Func<T, TKey> key,
        Func<T, object?[]> row, [EnumeratorCancellation] CancellationToken ct) where TKey : IComparable<TKey>
    {
        // Two readers at once: two contexts, each on a connection of its own.
        await using var scopeA = scopes.CreateAsyncScope();
        await using var scopeB = scopes.CreateAsyncScope();
        await using var a = first(scopeA.ServiceProvider.GetRequiredService<BackOfficeDb>()).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        await using var b = second(scopeB.ServiceProvider.GetRequiredService<BackOfficeDb>()).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        var hasA = await a.MoveNextAsync();
        var hasB = await b.MoveNextAsync();
        while (hasA || hasB)
        {
            if (hasA && (!hasB || key(a.Current).CompareTo(key(b.Current)) <= 0))
            {
                yield return row(a.Current);
                hasA = await a.MoveNextAsync();
            }
            else
            {
                yield return row(b.Current);
                hasB = await b.MoveNextAsync();
            }
        }
    }

    private static IEnumerable<T> Merge<T, TKey>(List<T> a, List<T> b, Func<T, TKey> key) where TKey : IComparable<TKey>
    {
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
            yield return j >= b.Count || (i < a.Count && key(a[i]).CompareTo(key(b[j])) <= 0) ? a[i++] : b[j++];
    }
}
