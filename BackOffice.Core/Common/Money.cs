using System.Globalization;

namespace BackOffice.Core.Common;

/// <summary>
/// An amount in integer minor units of one currency: never a floating-point number, and never two currencies
/// added together by accident.
/// </summary>
public readonly record struct Money(long Minor, string Currency)
{
    public CurrencyInfo Info => Currencies.Find(Currency) ?? throw new InvalidOperationException($"{Currency} is not a currency this product handles.");

    public bool IsZero => Minor == 0;
    public bool IsPositive => Minor > 0;
    public bool IsNegative => Minor < 0;

    /// <summary>The amount as a decimal number of whole units (for display and for people typing amounts).</summary>
    public decimal Amount => (decimal)Minor / Info.UnitsPerWhole;

    public static Money Zero(string currency) => new(0, Normalise(currency));

    /// <summary>
    /// An amount typed or sent as a decimal: refused when the currency is unknown or the amount has more decimals than
    /// the currency keeps (12.345 USD) or does not fit.
    /// </summary>
    public static Result<Money> From(decimal amount, string? currency)
    {
        if (Currencies.Find(currency) is not { } info)
            return Error.Rule("money.currency", $"{(string.IsNullOrWhiteSpace(currency) ? "No currency" : $"'{currency!.Trim()}'")} is not a currency we handle.");
        var scaled = amount * info.UnitsPerWhole;
        if (scaled != decimal.Truncate(scaled))
            return Error.Rule("money.precision", info.Digits == 0
                ? $"{info.Code} amounts have no decimals."
                : $"{info.Code} amounts have at most {info.Digits} decimals.");
        if (scaled is > long.MaxValue or < long.MinValue)
            return Error.Rule("money.range", "The amount is too large.");
        return new Money((long)scaled, info.Code);
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Minor), Same(a, b));
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Minor), Same(a, b));
    public static Money operator -(Money a) => a with { Minor = checked(-a.Minor) };

    public static bool operator <(Money a, Money b) => Compare(a, b) < 0;
    public static bool operator >(Money a, Money b) => Compare(a, b) > 0;
    public static bool operator <=(Money a, Money b) => Compare(a, b) <= 0;
    public static bool operator >=(Money a, Money b) => Compare(a, b) >= 0;

    private static int Compare(Money a, Money b)
    {
        Same(a, b);
        return a.Minor.CompareTo(b.Minor);
    }

    /// <summary>"1,234.50 USD", with the currency's own decimals.</summary>
    public override string ToString() =>
        Amount.ToString("N" + (Currencies.Find(Currency)?.Digits ?? 2), CultureInfo.InvariantCulture) + " " + Currency;

    private static string Same(Money a, Money b) => a.Currency == b.Currency
        ? a.Currency
        : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency} amounts without a conversion.");

    private static string Normalise(string currency) =>
        Currencies.Find(currency)?.Code ?? throw new ArgumentException($"{currency} is not a currency this product handles.", nameof(currency));
}
