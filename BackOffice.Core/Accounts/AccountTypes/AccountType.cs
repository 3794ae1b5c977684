using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Accounts.AccountTypes;

/// <summary>
/// A kind of trading account the broker offers. A change applies to accounts opened after it;
/// existing accounts change only through an explicit command (e.g. a leverage change).
/// </summary>
public sealed class AccountType : IVersioned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string PlatformGroup { get; set; } = "";

    /// <summary>ISO 4217 codes, comma separated.</summary>
    public string Currencies { get; set; } = "USD";

    public int DefaultLeverage { get; set; }
    public int MaxLeverage { get; set; }

    /// <summary>Leverages a client may choose, comma separated (each ≤ the maximum).</summary>
    public string AllowedLeverages { get; set; } = "";

    /// <summary>In minor units of the account currency.</summary>
    public long MinFirstDepositMinor { get; set; }

    public bool SwapFree { get; set; }
    public bool IsDemo { get; set; }
    public bool Active { get; set; } = true;
    public long Version { get; set; }

    public IReadOnlyList<string> CurrencyList => Currencies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<int> LeverageList =>
        AllowedLeverages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).Order().ToList();

    /// <summary>Null when the leverage is allowed; otherwise why not.</summary>
    public string? RefuseLeverage(int leverage)
    {
        if (leverage > MaxLeverage)
            return $"1:{leverage} is above the maximum of 1:{MaxLeverage} for {Name} accounts.";
        if (!LeverageList.Contains(leverage))
            return $"1:{leverage} is not offered on {Name} accounts; choose one of {string.Join(", ", LeverageList.Select(l => "1:" + l))}.";
        return null;
    }
}
