namespace BackOffice.Core.Funds;

/// <summary>Settings of the funds module (section <c>Funds</c>).</summary>
public sealed class FundsOptions
{
    /// <summary>A payer whose name scores below this against the account holder's is a third party: manual review.</summary>
    public double PayerMatchThreshold { get; set; } = 0.85;

    /// <summary>USD value of one unit of each currency, for monitoring thresholds and reports. USD, USDT and USDC are 1.</summary>
    public Dictionary<string, decimal> UsdRates { get; set; } = new()
    {
        ["EUR"] = 1.08m, ["GBP"] = 1.27m, ["CHF"] = 1.13m, ["JPY"] = 0.0067m, ["AUD"] = 0.66m, ["CAD"] = 0.73m,
        ["AED"] = 0.2723m, ["ZAR"] = 0.055m, ["KWD"] = 3.25m, ["BTC"] = 65000m, ["ETH"] = 3200m,
    };

    /// <summary>The margin level (equity ÷ margin, %) an account must keep after a withdrawal while it has open positions.</summary>
    public decimal MarginLevelFloorPercent { get; set; } = 150m;

    /// <summary>A withdrawal of this much (USD value) or more alerts finance when it is requested.</summary>
    public decimal LargeWithdrawalUsd { get; set; } = 25_000m;

    /// <summary>How long a withdrawal may wait at each approval level, and approved for its payout, before an SLA breach is alerted.</summary>
    public Dictionary<string, int> SlaHours { get; set; } = new() { ["L1"] = 4, ["L2"] = 8, ["L3"] = 24, ["Payout"] = 24 };

    public TimeSpan SlaFor(string stage) => TimeSpan.FromHours(SlaHours.GetValueOrDefault(stage, 24));

    /// <summary>How many days apart a statement line and one of ours may be and still pair on amount alone.</summary>
    public int StatementDateToleranceDays { get; set; } = 3;

    /// <summary>The most lines one statement file may hold; a longer one is split by period.</summary>
    public int StatementMaxLines { get; set; } = 250_000;

    /// <summary>The largest statement file accepted, in megabytes.</summary>
    public int StatementMaxMegabytes { get; set; } = 40;

    /// <summary>Off in tests, which run the platform balance dispatcher themselves.</summary>
    public bool BackgroundDispatch { get; set; } = true;

    public decimal UsdValue(Common.Money amount) => amount.Amount * UsdRate(amount.Currency);

    /// <summary>What <paramref name="amount"/> is worth in <paramref name="currency"/> at the USD rates; null when either rate is unknown.</summary>
    public decimal? ValueIn(Common.Money amount, string currency)
    {
        if (string.Equals(amount.Currency, currency, StringComparison.OrdinalIgnoreCase)) return amount.Amount;
        var (from, to) = (UsdRate(amount.Currency), UsdRate(currency.ToUpperInvariant()));
        return from > 0 && to > 0 ? amount.Amount * from / to : null;
    }

    private decimal UsdRate(string currency) => currency is "USD" or "USDT" or "USDC" ? 1m : UsdRates.GetValueOrDefault(currency, 0m);
}
