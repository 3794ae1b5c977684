using BackOffice.Core.Common;

namespace BackOffice.Core.Funds.Ledger;

/// <summary>One side of a ledger transaction: money into (positive) or out of (negative) one ledger account.</summary>
public sealed record PostingLine(string Account, Money Amount, string? Memo = null);

/// <summary>
/// A movement of money as double-entry bookkeeping requires it: at least two lines, none zero, and the lines of
/// each currency summing to zero, so money is only ever moved between accounts, never created or lost.
/// Built once, then immutable; a mistake is corrected by another posting, never by editing this one.
/// </summary>
public sealed class LedgerPosting
{
    private LedgerPosting(string kind, string reference, IReadOnlyList<PostingLine> lines)
    {
        Kind = kind;
        Reference = reference;
        Lines = lines;
    }

    /// <summary>What moved the money: "deposit", "withdrawal.reserve", "correction"…</summary>
    public string Kind { get; }

    /// <summary>Our reference for the movement (a deposit's number): one posting per kind and reference.</summary>
    public string Reference { get; }

    public IReadOnlyList<PostingLine> Lines { get; }

    public static Result<LedgerPosting> Create(string kind, string reference, IReadOnlyList<PostingLine> lines)
    {
        if (string.IsNullOrWhiteSpace(kind) || string.IsNullOrWhiteSpace(reference))
            return Error.Rule("ledger.unnamed", "A ledger transaction needs its kind and reference.");
        if (lines.Count < 2) return Error.Rule("ledger.one_sided", "A ledger transaction moves money between at least two accounts.");
        if (lines.FirstOrDefault(l => string.IsNullOrWhiteSpace(l.Account)) is not null)
            return Error.Rule("ledger.no_account", "Every line of a ledger transaction names its account.");
        if (lines.FirstOrDefault(l => l.Amount.IsZero) is { } zero)
            return Error.Rule("ledger.zero_line", $"The line for {zero.Account} moves nothing.");
        if (lines.FirstOrDefault(l => Currencies.Find(l.Amount.Currency) is null) is { } unknown)
            return Error.Rule("ledger.currency", $"{unknown.Amount.Currency} is not a currency we handle.");
        foreach (var currency in lines.GroupBy(l => l.Amount.Currency))
        {
            long sum;
            try
            {
                sum = currency.Aggregate(0L, (total, l) => checked(total + l.Amount.Minor));
            }
            catch (OverflowException)
            {
                return Error.Rule("ledger.range", "The amounts are too large.");
            }
            if (sum != 0)
                return Error.Rule("ledger.unbalanced",
                    $"The {currency.Key} lines do not balance: they add up to {new Money(sum, currency.Key)} instead of nothing.");
        }
        return new LedgerPosting(kind.Trim(), reference.Trim(), lines);
    }

    /// <summary>The simplest movement: <paramref name="amount"/> from one account to another.</summary>
    public static Result<LedgerPosting> Transfer(string kind, string reference, string from, string to, Money amount, string? memo = null) =>
        amount.IsPositive
            ? Create(kind, reference, [new PostingLine(from, -amount, memo), new PostingLine(to, amount, memo)])
            : Error.Rule("ledger.amount", "The amount must be more than zero.");
}
