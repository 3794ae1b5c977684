using System.Text.Json.Serialization;
using BackOffice.Core.Common;
using BackOffice.Core.Operations;

namespace BackOffice.Core.Reports.Floor;

/// <summary>
/// The live floor as one staff member sees it at one moment: every queue with its age and service-level breaches, today's money
/// in and out (today in their time zone), the four-eyes operations waiting and the latest alerts of the kinds they may see.
/// Pushed whole to every open floor after a commit, so the screens never ask for it one by one.
/// </summary>
public sealed record FloorSnapshot(
    DateTime AsOfUtc,
    string TimeZone,
    IReadOnlyList<FloorQueue> Queues,
    FloorToday Today,
    IReadOnlyList<FloorFourEyes> FourEyes,
    IReadOnlyList<FloorAlert> Alerts)
{
    [JsonIgnore] public int Waiting => Queues.Sum(q => q.Count);

    [JsonIgnore] public int Breached => Queues.Sum(q => q.Breached);

    public FloorQueue? Queue(string name) => Queues.FirstOrDefault(q => q.Name == name);
}

/// <summary>
/// One queue: how many items wait, how long (by age bucket, from when each started waiting at its current step), how many
/// have waited longer than the queue's service level, and since when the oldest has waited. Name, label, link and the
/// permission that opens the queue are those of the queue's live counter.
/// </summary>
public sealed record FloorQueue(
    string Name, string Module, string Label, string Link, string Permission,
    int Count, FloorAges Ages, int SlaHours, int Breached, DateTime? OldestSinceUtc);

/// <summary>Waiting items by age: under an hour, one to four hours, four to twenty-four hours, more than a day.</summary>
public sealed record FloorAges(int UnderOneHour, int OneToFourHours, int FourToTwentyFourHours, int OverADay)
{
    public static readonly string[] Labels = ["< 1 h", "1–4 h", "4–24 h", "> 24 h"];

    [JsonIgnore] public int[] Values => [UnderOneHour, OneToFourHours, FourToTwentyFourHours, OverADay];
}

/// <summary>
/// Today's money, as the payment report counts it: deposits credited, withdrawals paid and deposits refunded since midnight in
/// the viewer's time zone, per currency and in USD at <c>Funds:UsdRates</c>; net is in − out − refunded.
/// </summary>
public sealed record FloorToday(
    DateOnly Day, int Deposits, int Withdrawals, int Refunds,
    decimal DepositsUsd, decimal WithdrawalsUsd, decimal RefundsUsd, IReadOnlyList<FloorCurrency> Currencies)
{
    [JsonIgnore] public decimal NetUsd => DepositsUsd - WithdrawalsUsd - RefundsUsd;
}

public sealed record FloorCurrency(string Currency, long DepositsMinor, long WithdrawalsMinor, long RefundsMinor)
{
    [JsonIgnore] public Money Deposits => new(DepositsMinor, Currency);
    [JsonIgnore] public Money Withdrawals => new(WithdrawalsMinor, Currency);
    [JsonIgnore] public Money Refunds => new(RefundsMinor, Currency);
    [JsonIgnore] public Money Net => new(DepositsMinor - WithdrawalsMinor - RefundsMinor, Currency);
}

/// <summary>Four-eyes operations of one kind waiting for their second person: how many, the oldest, and the first to expire.</summary>
public sealed record FloorFourEyes(string Operation, int Count, DateTime OldestSinceUtc, DateTime FirstExpiryUtc);

public sealed record FloorAlert(Guid Id, string Kind, AlertSeverity Severity, string Message, DateTime RaisedAtUtc, AlertStatus Status);
