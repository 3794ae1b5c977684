using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Kyc.Risk;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Withdrawals;

/// <summary>
/// One row of the approval policy: withdrawals from <see cref="FromUsd"/> (inclusive) up to <see cref="BelowUsd"/> (exclusive;
/// null for no upper bound), of clients at <see cref="Risk"/> (null for any), through <see cref="Kind"/> (null for any),
/// need <see cref="Level"/>. The most specific matching rows win (a row naming the risk or the method over one that does
/// not); among equally specific rows, the highest level.
/// </summary>
public sealed class ApprovalPolicyRule
{
    public int Id { get; set; }
    public decimal FromUsd { get; set; }
    public decimal? BelowUsd { get; set; }
    public RiskLevel? Risk { get; set; }
    public ChannelKind? Kind { get; set; }
    public ApprovalLevel Level { get; set; }

    public bool Matches(decimal usd, RiskLevel risk, ChannelKind kind) =>
        usd >= FromUsd && (BelowUsd is null || usd < BelowUsd) && (Risk is null || Risk == risk) && (Kind is null || Kind == kind);

    public string Describe() =>
        $"{(BelowUsd is { } below ? $"{FromUsd:#,0}–{below:#,0} USD" : $"from {FromUsd:#,0} USD")}"
        + (Risk is { } r ? $", {r.ToString().ToLowerInvariant()} risk" : "")
        + (Kind is { } k ? $", {k}" : "") + $" → {(Level == ApprovalLevel.Automatic ? "automatic" : Level.ToString())}";
}

public static class ApprovalPolicy
{
    /// <summary>The level a withdrawal of <paramref name="amount"/> by the client needs under the stored policy, and why.</summary>
    public static async Task<(ApprovalLevel Level, string Why)> LevelForAsync(BackOfficeDb db, FundsOptions options, long clientId, Money amount,
        ChannelKind kind, CancellationToken ct)
    {
        var risk = await db.KycCases.AsNoTracking().Where(k => k.ClientId == clientId).Select(k => k.RiskLevel).FirstOrDefaultAsync(ct) ?? RiskLevel.Medium;
        var rules = await db.ApprovalPolicyRules.AsNoTracking().ToListAsync(ct);
        return LevelFor(rules, options.UsdValue(amount), risk, kind);
    }

    /// <summary>
    /// The starting table: small withdrawals of low-risk clients go automatically; up to 10,000 USD need L1, up to 50,000 L2,
    /// above that L3. A medium-risk client needs at least L1, a high-risk one at least L2.
    /// </summary>
    public static IReadOnlyList<ApprovalPolicyRule> Defaults() =>
    [
        new() { FromUsd = 0, BelowUsd = 1_000, Risk = RiskLevel.Low, Level = ApprovalLevel.Automatic },
        new() { FromUsd = 0, BelowUsd = 10_000, Level = ApprovalLevel.L1 },
        new() { FromUsd = 10_000, BelowUsd = 50_000, Level = ApprovalLevel.L2 },
        new() { FromUsd = 50_000, Level = ApprovalLevel.L3 },
        new() { FromUsd = 0, BelowUsd = 50_000, Risk = RiskLevel.High, Level = ApprovalLevel.L2 },
    ];

    /// <summary>
    /// The level for a withdrawal: among the matching rows, the most specific ones (naming the risk level, the method or
    /// both), and of those the highest level. No row matching means L1 (never automatic by omission).
    /// </summary>
    public static (ApprovalLevel Level, string Why) LevelFor(IReadOnlyList<ApprovalPolicyRule> rules, decimal usd, RiskLevel risk, ChannelKind kind)
    {
        var matching = rules.Where(r => r.Matches(usd, risk, kind)).ToList();
        if (matching.Count == 0) return (ApprovalLevel.L1, "no policy row matches; L1 by default");
        var specific = matching.Max(Specificity);
        var top = matching.Where(r => Specificity(r) == specific).MaxBy(r => r.Level)!;
        return (top.Level, top.Describe());
    }

    private static int Specificity(ApprovalPolicyRule r) => (r.Risk is null ? 0 : 1) + (r.Kind is null ? 0 : 1);
}
