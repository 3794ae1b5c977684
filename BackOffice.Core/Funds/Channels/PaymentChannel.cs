using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Funds.Channels;

public enum ChannelKind
{
    /// <summary>Manual: the client transfers with our reference; finance confirms from the bank statement.</summary>
    BankWire,

    /// <summary>A card processor: hosted payment page, then a signed webhook.</summary>
    Card,

    /// <summary>A crypto processor: an invoice, then a signed IPN.</summary>
    Crypto,
}

/// <summary>
/// A way money comes in or goes out, as an administrator configured it. The secrets a provider signs its callbacks
/// with are not here: they live in the operator's settings (<c>Payments:Channels:&lt;code&gt;</c>).
/// </summary>
public sealed class PaymentChannel : IVersioned
{
    public int Id { get; set; }

    /// <summary>Stable and short ("card", "crypto", "wire"): in webhook URLs, ledger account codes and settings.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
    public ChannelKind Kind { get; set; }

    /// <summary>Which adapter speaks to the provider: "sandbox" (the demo processor inside the console) or "manual" for a wire.</summary>
    public string Provider { get; set; } = "manual";

    /// <summary>Comma-separated ISO codes.</summary>
    public string Currencies { get; set; } = "";

    /// <summary>Per payment, in the payment's currency.</summary>
    public decimal MinAmount { get; set; }

    public decimal MaxAmount { get; set; }

    /// <summary>Charged to the client: the account is credited with the amount less the fee.</summary>
    public decimal FeeFixed { get; set; }

    public decimal FeePercent { get; set; }

    /// <summary>Comma-separated ISO-2 countries; empty for every country.</summary>
    public string Countries { get; set; } = "";

    /// <summary>Comma-separated account type names; empty for every type.</summary>
    public string AccountTypes { get; set; } = "";

    public bool Deposits { get; set; }
    public bool Withdrawals { get; set; }

    /// <summary>A paid deposit of a low-risk client up to this amount is credited without a finance confirmation; null for never.</summary>
    public decimal? AutoApproveUpTo { get; set; }

    /// <summary>What the client is shown to pay a wire: beneficiary, IBAN, bank. The reference is added per deposit.</summary>
    public string? Instructions { get; set; }

    public bool Enabled { get; set; } = true;
    public long Version { get; set; }

    public IReadOnlyList<string> CurrencyList => Split(Currencies);
    public IReadOnlyList<string> CountryList => Split(Countries);
    public IReadOnlyList<string> AccountTypeList => Split(AccountTypes);

    /// <summary>The clearing account money from this channel passes through on its way to or from a client.</summary>
    public string ClearingAccount => "clearing:" + Code;

    /// <summary>The fee on <paramref name="amount"/>, rounded to the currency's digits (half away from zero), never more than the amount.</summary>
    public Money FeeOn(Money amount)
    {
        var fee = FeeFixed + amount.Amount * FeePercent / 100m;
        var minor = (long)Math.Round(fee * amount.Info.UnitsPerWhole, MidpointRounding.AwayFromZero);
        return new Money(Math.Clamp(minor, 0, amount.Minor), amount.Currency);
    }

    /// <summary>
    /// Whether this channel takes <paramref name="amount"/> for a client of <paramref name="country"/> on an account of
    /// <paramref name="accountType"/>, in the direction asked; the refusal says which rule and what would do.
    /// </summary>
    public Error? Refuses(Money amount, string country, string accountType, bool deposit)
    {
        var direction = deposit ? "deposits" : "withdrawals";
        if (!Enabled) return Error.Rule("channel.disabled", $"{Name} is switched off.");
        if (deposit ? !Deposits : !Withdrawals) return Error.Rule("channel.direction", $"{Name} does not take {direction}.");
        if (!CurrencyList.Contains(amount.Currency))
            return Error.Rule("channel.currency", $"{Name} does not take {amount.Currency}; it takes {string.Join(", ", CurrencyList)}.");
        if (amount.Amount < MinAmount)
            return Error.Rule("channel.minimum", $"The minimum through {Name} is {MinAmount:0.########} {amount.Currency}.");
        if (MaxAmount > 0 && amount.Amount > MaxAmount)
            return Error.Rule("channel.maximum", $"The maximum through {Name} is {MaxAmount:0.########} {amount.Currency}.");
        if (CountryList.Count > 0 && !CountryList.Contains(country, StringComparer.OrdinalIgnoreCase))
            return Error.Rule("channel.country", $"{Name} is not offered to clients in {Accounts.Countries.Find(country)?.Name ?? country}.");
        if (AccountTypeList.Count > 0 && !AccountTypeList.Contains(accountType, StringComparer.OrdinalIgnoreCase))
            return Error.Rule("channel.account_type", $"{Name} is not offered for {accountType} accounts.");
        return null;
    }

    public static IReadOnlyList<string> Split(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
