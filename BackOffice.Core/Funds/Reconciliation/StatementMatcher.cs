using System.Text.RegularExpressions;
using BackOffice.Core.Common;

namespace BackOffice.Core.Funds.Reconciliation;

public enum OurSide
{
    /// <summary>Money in: a paid deposit.</summary>
    Deposit,

    /// <summary>Money out: a deposit given back (refund) or taken back (chargeback).</summary>
    Refund,

    /// <summary>Money out: a paid withdrawal.</summary>
    Withdrawal,
}

/// <summary>
/// One of our movements on a channel, signed as a statement shows it (money in positive). <see cref="AwaitingPayment"/>
/// marks a wire deposit nobody has confirmed yet: a line naming it is found, but it is finance's to confirm.
/// </summary>
public sealed record OurItem(OurSide Side, long Id, string Reference, IReadOnlyList<string> ProviderIds, Money Amount, DateOnly Date, bool AwaitingPayment = false);

public sealed record LineOutcome(StatementRow Row, OurItem? Item, LineMatch Match, MatchKey By, string? Note);

public sealed record MatchOutcome(IReadOnlyList<LineOutcome> Lines, IReadOnlyList<OurItem> OursOnly);

/// <summary>
/// Pairs statement lines with our movements, strongest evidence first: the provider's id, then our reference written
/// in the line, then the same amount and currency within a few days when exactly one of ours fits. Each side is used
/// once; the sign must agree (a refund line never pairs with the deposit itself). What is left on our side and falls
/// within the statement's period is "ours only".
/// </summary>
public static partial class StatementMatcher
{
    [GeneratedRegex(@"(?<![A-Za-z0-9])[DW]-\d{4,}(?!\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OurReference();

    public static IEnumerable<string> ReferencesIn(string? text) =>
        text is null ? [] : OurReference().Matches(text).Select(m => m.Value.ToUpperInvariant());

    public static MatchOutcome Match(IReadOnlyList<StatementRow> rows, IReadOnlyList<OurItem> ours, DateOnly from, DateOnly to, int toleranceDays)
    {
        var used = new HashSet<OurItem>(ReferenceEqualityComparer.Instance);
        var outcome = new LineOutcome?[rows.Count];

        var byProviderId = new Dictionary<string, List<OurItem>>(StringComparer.OrdinalIgnoreCase);
        var byReference = new Dictionary<string, List<OurItem>>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in ours)
        {
            foreach (var id in item.ProviderIds.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.OrdinalIgnoreCase))
                Add(byProviderId, id.Trim(), item);
            Add(byReference, item.Reference, item);
        }

        // 1. The provider's own id: as strong as it gets.
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].ProviderId is { } id && Take(byProviderId, id, rows[i], used) is { } item)
                outcome[i] = Paired(rows[i], item, MatchKey.ProviderId);

        // 2. Our reference in the line's reference or details.
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcome[i] is not null) continue;
            foreach (var reference in ReferencesIn(rows[i].Reference).Concat(ReferencesIn(rows[i].ProviderId)))
                if (Take(byReference, reference, rows[i], used) is { } item)
                {
                    outcome[i] = Paired(rows[i], item, MatchKey.Reference);
                    break;
                }
        }

        // 3. Amount, currency and date, when exactly one of ours is closest.
        var byAmount = ours.Where(o => !used.Contains(o) && !o.AwaitingPayment)
            .GroupBy(o => o.Amount)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Date).ToList());
        foreach (var i in Enumerable.Range(0, rows.Count).Where(i => outcome[i] is null).OrderBy(i => rows[i].Date))
        {
            var row = rows[i];
            string? note = null;
            if (byAmount.TryGetValue(row.Amount, out var same))
            {
                var near = same.Where(o => !used.Contains(o) && Math.Abs(o.Date.DayNumber - row.Date.DayNumber) <= toleranceDays)
                    .GroupBy(o => Math.Abs(o.Date.DayNumber - row.Date.DayNumber))
                    .OrderBy(g => g.Key)
                    .FirstOrDefault()?.ToList();
                if (near is { Count: 1 })
                {
                    used.Add(near[0]);
                    outcome[i] = new LineOutcome(row, near[0], LineMatch.Matched, MatchKey.AmountAndDate, null);
                    continue;
                }
                if (near is { Count: > 1 })
                    note = $"{near.Count} of ours have this amount on the same day: {string.Join(", ", near.Take(5).Select(o => o.Reference))}.";
            }
            outcome[i] = new LineOutcome(row, null, LineMatch.Unmatched, MatchKey.None, note);
        }

        var oursOnly = ours.Where(o => !used.Contains(o) && !o.AwaitingPayment && o.Date >= from && o.Date <= to).ToList();
        return new MatchOutcome(outcome.Select(o => o!).ToList(), oursOnly);
    }

    private static LineOutcome Paired(StatementRow row, OurItem item, MatchKey by)
    {
        if (item.AwaitingPayment)
            return new LineOutcome(row, item, LineMatch.Unmatched, by,
                $"Money for {item.Reference}, which is still awaiting payment: link the line to confirm the deposit from it.");
        return item.Amount == row.Amount
            ? new LineOutcome(row, item, LineMatch.Matched, by, null)
            : new LineOutcome(row, item, LineMatch.Mismatch, by, $"The statement shows {row.Amount}, {item.Reference} is {item.Amount}.");
    }

    private static OurItem? Take(Dictionary<string, List<OurItem>> index, string key, StatementRow row, HashSet<OurItem> used)
    {
        if (!index.TryGetValue(key.Trim(), out var items)) return null;
        var sign = Math.Sign(row.Amount.Minor);
        var item = items.Where(o => !used.Contains(o) && Math.Sign(o.Amount.Minor) == sign)
            .OrderBy(o => o.Amount.Currency == row.Amount.Currency ? 0 : 1)
            .ThenBy(o => Math.Abs(o.Date.DayNumber - row.Date.DayNumber))
            .FirstOrDefault();
        if (item is not null) used.Add(item);
        return item;
    }

    private static void Add(Dictionary<string, List<OurItem>> index, string key, OurItem item)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(item);
    }
}
