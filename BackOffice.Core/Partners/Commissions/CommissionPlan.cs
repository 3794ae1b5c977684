using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>
/// What a rule pays for: closed lots, a share of the spread in pips, a share of the commission the client paid, a fixed
/// amount per qualified client, or a share of the broker's net revenue.
/// </summary>
public enum CommissionKind
{
    /// <summary>A fixed amount per closed lot ("$7 per lot").</summary>
    PerLot,

    /// <summary>Pips of the spread per closed lot, at the pip value the rule states ("0.8 pips at $10 a pip per lot").</summary>
    SpreadPips,

    /// <summary>A percentage of the commission charged to the client on the round turn.</summary>
    CommissionShare,

    /// <summary>
    /// Cost per acquisition: a fixed amount, once per referred client and level, when the client qualifies (its first deposit
    /// reaches <see cref="CommissionRule.MinimumDeposit"/>, its closed volume reaches <see cref="CommissionRule.MinimumLots"/>, or both).
    /// </summary>
    Cpa,

    /// <summary>
    /// A percentage of the broker's net revenue from the clients at the level (commission and swaps charged, less their trading
    /// profit), per UTC day; a day of net loss pays nothing.
    /// </summary>
    RevenueShare,
}

/// <summary>How a line's amount is rounded to the currency's minor unit, once per deal, level and rule.</summary>
public enum CommissionRounding
{
    /// <summary>Half to even (banker's rounding): 0.125 → 0.12, 0.135 → 0.14.</summary>
    HalfEven,

    /// <summary>Half away from zero: 0.125 → 0.13.</summary>
    HalfUp,

    /// <summary>Always down: 0.129 → 0.12.</summary>
    Down,
}

/// <summary>A commission plan ("ECN Partners"): a name and a currency; what it pays is in its versions.</summary>
public sealed class CommissionPlan : IVersioned
{
    public long Id { get; set; }

    /// <summary>Short unique code ("ECN-PARTNERS").</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The currency every amount of the plan is in.</summary>
    public string Currency { get; set; } = "USD";

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>
/// The terms of a plan from <see cref="EffectiveFrom"/> until the next version starts (<see cref="EffectiveTo"/>). A change is
/// a new version, never an edit, so a run always uses the terms in force at each deal's time and an old line can always be
/// explained by the version it names.
/// </summary>
public sealed class CommissionPlanVersion
{
    public long Id { get; set; }
    public long PlanId { get; set; }

    /// <summary>1, 2, 3… within the plan.</summary>
    public int Number { get; set; }

    public DateTime EffectiveFrom { get; set; }
    public DateTime? EffectiveTo { get; set; }

    /// <summary>Round turns held for less than this many seconds earn nothing (0: no minimum).</summary>
    public int MinimumHoldSeconds { get; set; }

    /// <summary>When on, volume opened against an open opposite position of the same client and symbol earns nothing: a hedge is counted once.</summary>
    public bool HedgeCountedOnce { get; set; }

    public CommissionRounding Rounding { get; set; }

    /// <summary>Why this version was made ("level 2 override raised to $2").</summary>
    public string Note { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public List<CommissionRule> Rules { get; set; } = [];
}

/// <summary>
/// One rate of a plan version: for deals in a symbol group on an account type (either may be "*" for any), what the partner
/// at a level of the tree earns (level 1 is the client's own partner, level 2 its parent, and so on). The most specific
/// rule of each kind applies: a named symbol group before "*", then a named account type before "*".
/// </summary>
public sealed class CommissionRule
{
    public long Id { get; set; }
    public long PlanVersionId { get; set; }

    /// <summary>A symbol group (<see cref="SymbolGroups"/>) or "*".</summary>
    public string SymbolGroup { get; set; } = SymbolGroups.Any;

    /// <summary>An account type's name ("ECN") or "*".</summary>
    public string AccountType { get; set; } = SymbolGroups.Any;

    public int Level { get; set; }
    public CommissionKind Kind { get; set; }

    /// <summary>
    /// Amount per lot (<see cref="CommissionKind.PerLot"/>), pips (<see cref="CommissionKind.SpreadPips"/>), percent
    /// (<see cref="CommissionKind.CommissionShare"/>, <see cref="CommissionKind.RevenueShare"/>) or the amount paid per qualified client
    /// (<see cref="CommissionKind.Cpa"/>).
    /// </summary>
    public decimal Rate { get; set; }

    /// <summary>For <see cref="CommissionKind.SpreadPips"/>: the value of one pip on one lot, in the plan's currency.</summary>
    public decimal? PipValue { get; set; }

    /// <summary>For <see cref="CommissionKind.Cpa"/>: the client's first credited deposit must be at least this (in the plan's currency); null: no deposit condition.</summary>
    public decimal? MinimumDeposit { get; set; }

    /// <summary>For <see cref="CommissionKind.Cpa"/>: the client must have closed at least this many lots; null: no volume condition.</summary>
    public decimal? MinimumLots { get; set; }
}

/// <summary>Which plan a partner earns under from <see cref="From"/> until <see cref="To"/> (open while in force).</summary>
public sealed class PartnerPlanAssignment
{
    public long Id { get; set; }
    public long PartnerId { get; set; }
    public long PlanId { get; set; }
    public DateTime From { get; set; }
    public DateTime? To { get; set; }
    public string By { get; set; } = "";
}

/// <summary>The symbol groups a plan's rules are written for, and which group a platform symbol belongs to.</summary>
public static class SymbolGroups
{
    public const string Any = "*";
    public const string FxMajors = "fx-majors";
    public const string FxMinors = "fx-minors";
    public const string Metals = "metals";
    public const string Indices = "indices";
    public const string Energies = "energies";
    public const string Crypto = "crypto";
    public const string Other = "other";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (FxMajors, "FX majors"), (FxMinors, "FX minors and crosses"), (Metals, "Metals"), (Indices, "Indices"), (Energies, "Energies"),
        (Crypto, "Crypto"), (Other, "Other symbols"),
    ];

    private static readonly HashSet<string> Majors = ["EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD"];

    private static readonly HashSet<string> Fiat =
        ["USD", "EUR", "GBP", "JPY", "CHF", "AUD", "CAD", "NZD", "SEK", "NOK", "DKK", "PLN", "HUF", "CZK", "TRY", "ZAR", "MXN", "SGD", "HKD", "CNH", "ILS", "THB"];

    private static readonly string[] IndexStems =
        ["US30", "US100", "US500", "SPX500", "NAS100", "USTEC", "GER40", "DE40", "GER30", "UK100", "JP225", "FRA40", "AUS200", "HK50", "EU50", "ESP35", "STOXX50"];

    private static readonly string[] EnergyStems = ["USOIL", "UKOIL", "WTI", "BRENT", "XNG", "NGAS", "XTI", "XBR"];
    private static readonly string[] MetalStems = ["XAU", "XAG", "XPT", "XPD", "GOLD", "SILVER"];
    private static readonly string[] CryptoStems = ["BTC", "ETH", "LTC", "XRP", "SOL", "ADA", "DOGE", "DOT", "BNB"];

    public static bool IsKnown(string group) => group == Any || All.Any(g => g.Code == group);

    /// <summary>The group of a platform symbol ("EURUSD.m" → fx-majors, "XAUUSD" → metals), suffixes after the name ignored.</summary>
    public static string Of(string symbol)
    {
        var name = new string((symbol ?? "").TakeWhile(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        if (MetalStems.Any(name.StartsWith)) return Metals;
        if (CryptoStems.Any(name.StartsWith)) return Crypto;
        if (EnergyStems.Any(name.StartsWith)) return Energies;
        if (IndexStems.Any(name.StartsWith)) return Indices;
        if (name.Length >= 6 && Fiat.Contains(name[..3]) && Fiat.Contains(name[3..6]))
            return Majors.Contains(name[..6]) ? FxMajors : FxMinors;
        return Other;
    }
}
