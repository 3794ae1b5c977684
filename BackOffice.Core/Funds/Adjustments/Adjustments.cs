using BackOffice.Core.Common;

namespace BackOffice.Core.Funds.Adjustments;

public enum CorrectionCategory
{
    /// <summary>A deposit or withdrawal booked with the wrong amount.</summary>
    BookingError,

    /// <summary>A trade executed at a wrong price, compensated.</summary>
    TradingError,

    /// <summary>A fee charged in error, given back.</summary>
    FeeRefund,

    /// <summary>A goodwill payment decided by management.</summary>
    Compensation,

    /// <summary>A card payment taken back by the issuer.</summary>
    Chargeback,

    Other,
}

/// <summary>A credit or debit of a client's account outside a payment, always approved by a second person.</summary>
public sealed class BalanceCorrection
{
    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public long ClientId { get; set; }
    public long TradingAccountId { get; set; }

    /// <summary>Signed: positive credits the client.</summary>
    public long AmountMinor { get; set; }

    public string Currency { get; set; } = "";
    public CorrectionCategory Category { get; set; }
    public string Reason { get; set; } = "";
    public string MadeBy { get; set; } = "";
    public string ApprovedBy { get; set; } = "";
    public DateTime PostedAt { get; set; }
    public long LedgerTransactionId { get; set; }

    public Money Amount => new(AmountMinor, Currency);
}

/// <summary>Money moved between two of one client's trading accounts, converted at a recorded rate when their currencies differ.</summary>
public sealed class InternalTransfer
{
    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public long ClientId { get; set; }
    public long FromAccountId { get; set; }
    public long ToAccountId { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public long ToAmountMinor { get; set; }
    public string ToCurrency { get; set; } = "";

    /// <summary>Units of the receiving currency per unit of the sending one; 1 when they are the same.</summary>
    public decimal Rate { get; set; }

    public string By { get; set; } = "";
    public DateTime At { get; set; }
    public long LedgerTransactionId { get; set; }
}
