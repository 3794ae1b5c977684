namespace BackOffice.Core.Kyc.Monitoring;

public enum MonitoringEventKind
{
    Deposit,
    Withdrawal,
    Login,
    ProfileChange,
    Trade,

    /// <summary>A partner's commission paid out to a destination of its own: money leaving that never came in as a deposit.</summary>
    CommissionPayout,
}

public enum PaymentMethodKind
{
    BankAccount,
    Card,
    EWallet,
    CryptoWallet,
    Other,
}

/// <summary>
/// Where money came from or went to. <see cref="Fingerprint"/> identifies the instrument without exposing it
/// (a card's PSP token, an IBAN hash, a wallet address), so two uses of it compare equal.
/// </summary>
public sealed record PaymentMethod(PaymentMethodKind Kind, string Fingerprint, string? HolderName = null)
{
    public override string ToString() => Kind switch
    {
        PaymentMethodKind.BankAccount => "bank account",
        PaymentMethodKind.Card => "card",
        PaymentMethodKind.EWallet => "e-wallet",
        PaymentMethodKind.CryptoWallet => "crypto wallet",
        _ => "payment method",
    } + " " + Fingerprint;
}

/// <summary>
/// Something a client did, as the funds, trading and identity modules report it. Money is kept as it moved
/// (minor units and currency); <see cref="AmountUsd"/> is its value when it moved, which thresholds compare against.
/// </summary>
public sealed record MonitoringEvent(long Id, long ClientId, MonitoringEventKind Kind, DateTime At)
{
    public long AmountMinor { get; init; }
    public string? Currency { get; init; }
    public decimal AmountUsd { get; init; }

    /// <summary>The source of a deposit or the destination of a withdrawal.</summary>
    public PaymentMethod? Method { get; init; }

    /// <summary>ISO-2 country the login came from, by IP address.</summary>
    public string? IpCountry { get; init; }

    /// <summary>Notional traded, in USD, for a trade.</summary>
    public decimal TradedVolumeUsd { get; init; }

    public bool IsMoney => Kind is MonitoringEventKind.Deposit or MonitoringEventKind.Withdrawal or MonitoringEventKind.CommissionPayout;
}
