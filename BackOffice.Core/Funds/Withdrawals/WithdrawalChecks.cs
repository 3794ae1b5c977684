using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Platform;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Withdrawals;

/// <summary>One check of a withdrawal with its result in words.</summary>
public sealed record WithdrawalCheck(string Name, bool Passed, string Detail)
{
    public override string ToString() => $"{(Passed ? "✓" : "✗")} {Name}: {Detail}";
}

/// <summary>
/// Everything that must hold before money leaves: the client may withdraw (status and KYC), the money is there and not
/// already reserved, the open positions can bear it, card money goes back to the card first, no AML alert is open, and
/// the destination is verified. Each check says what it found, passed or not.
/// </summary>
public static class WithdrawalChecks
{
    public static string ReservedAccount(long tradingAccountId) => $"reserved:{tradingAccountId}";

    /// <summary>Where a partner's commission waits while it is being withdrawn.</summary>
    public static string ReservedCommissionAccount(long partnerId) => $"reserved:ib:{partnerId}";

    public static async Task<IReadOnlyList<WithdrawalCheck>> RunAsync(BackOfficeDb db, ITradingPlatform platform, TimeProvider clock, FundsOptions options,
        TradingAccount account, PaymentChannel channel, PayoutDestination destination, Money amount, CancellationToken ct)
    {
        var checks = await StandingAsync(db, clock, account.ClientId, ct);
        var available = await BalanceAsync(db, DepositMoves.ClientAccount(account.Id), account.Currency, ct);
        var reserved = await BalanceAsync(db, ReservedAccount(account.Id), account.Currency, ct);
        checks.Add(new("Available balance", available >= amount,
            $"{available} available ({reserved} reserved for withdrawals in progress); {amount} asked."));

        checks.Add(await MarginAsync(platform, options, account, amount, ct));
        checks.Add(await ClosedLoopAsync(db, account.ClientId, destination, amount, ct));
        checks.AddRange(await ClearedAsync(db, account.ClientId, channel, destination, ct));
        return checks;
    }

    /// <summary>Whether the client may take money out at all: its status allows it, and its KYC is complete and in date.</summary>
    public static async Task<List<WithdrawalCheck>> StandingAsync(BackOfficeDb db, TimeProvider clock, long clientId, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == clientId, ct);
        var matrix = await ClientCapabilities.MatrixAsync(db, ct);
        var can = ClientCapabilities.Evaluate(client, matrix).First(a => a.Capability == Capability.Withdraw);
        var gate = await KycGate.CheckAsync(db, client.Id, GatedFunction.Withdraw, clock, ct);
        return
        [
            new("Status", can.Allowed, can.Why),
            new("KYC", gate.Allowed, gate.Allowed ? "Documents accepted and in date; due diligence complete where needed." : string.Join("; ", gate.Reasons)),
        ];
    }

    /// <summary>No AML alert of the client is open, and the money goes to a verified destination of its own that the method pays out to.</summary>
    public static async Task<List<WithdrawalCheck>> ClearedAsync(BackOfficeDb db, long clientId, PaymentChannel channel, PayoutDestination destination,
        CancellationToken ct)
    {
        var openAml = await db.AmlAlerts.AsNoTracking().CountAsync(a => a.ClientId == clientId
            && (a.Status == Kyc.Monitoring.AmlAlertStatus.Open || a.Status == Kyc.Monitoring.AmlAlertStatus.Investigating), ct);
        var destinationOk = destination.Status == DestinationStatus.Verified && destination.ClientId == clientId;
        List<WithdrawalCheck> checks =
        [
            new("No open AML alert", openAml == 0, openAml == 0 ? "None open." : $"{openAml} AML alert(s) open: compliance must close them first."),
            new("Destination verified", destinationOk, destination.Status switch
            {
                DestinationStatus.Verified => $"{destination.Label} verified {destination.VerifiedAt:yyyy-MM-dd} by {destination.VerifiedBy}.",
                DestinationStatus.Rejected => $"{destination.Label} was refused; choose another.",
                _ => $"{destination.Label} is not verified yet: finance verifies it before its first use.",
            }),
        ];
        if (!KindFits(channel.Kind, destination.Kind))
            checks.Add(new("Method", false, $"{channel.Name} pays out to {Expected(channel.Kind)}, not to {destination.Label}."));
        return checks;
    }

    public static async Task<Money> BalanceAsync(BackOfficeDb db, string code, string currency, CancellationToken ct) =>
        new(await db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code && a.Currency == currency).Select(a => a.BalanceMinor).FirstOrDefaultAsync(ct), currency);

    public static async Task<WithdrawalCheck> MarginAsync(ITradingPlatform platform, FundsOptions options, TradingAccount account, Money amount, CancellationToken ct)
    {
        AccountState state;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            state = await platform.GetStateAsync(account.Login, timeout.Token);
        }
        catch (Exception e) when (e is PlatformException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new("Open positions", false, $"The trading platform could not be asked for the account's margin ({e.Message}); try again when it answers.");
        }
        var freeAfter = state.FreeMargin - amount.Amount;
        if (state.Margin == 0)
            return new("Open positions", freeAfter >= 0, freeAfter >= 0
                ? $"No open positions; platform balance {state.Balance:#,0.00} {state.Currency}."
                : $"The platform shows only {state.FreeMargin:#,0.00} {state.Currency} free.");
        var levelAfter = (state.Equity - amount.Amount) / state.Margin * 100m;
        var passed = freeAfter >= 0 && levelAfter >= options.MarginLevelFloorPercent;
        return new("Open positions", passed,
            $"After the withdrawal: free margin {freeAfter:#,0.00} {state.Currency}, margin level {levelAfter:0}% (floor {options.MarginLevelFloorPercent:0}%).");
    }

    /// <summary>
    /// Card deposits go back to the card first: while money deposited by card has not been returned to it, a withdrawal to
    /// anything else is refused, and a card receives back at most what it paid in.
    /// </summary>
    private static async Task<WithdrawalCheck> ClosedLoopAsync(BackOfficeDb db, long clientId, PayoutDestination destination, Money amount, CancellationToken ct)
    {
        var cardChannels = await db.PaymentChannels.AsNoTracking().Where(c => c.Kind == ChannelKind.Card).Select(c => c.Id).ToListAsync(ct);
        var deposited = await db.Deposits.AsNoTracking()
            .Where(d => d.ClientId == clientId && d.Status == DepositStatus.Credited && cardChannels.Contains(d.ChannelId) && d.Currency == amount.Currency)
            .GroupBy(d => d.SourceFingerprint ?? "").Select(g => new { Card = g.Key, Sum = g.Sum(d => d.PaidMinor ?? d.AmountMinor) }).ToListAsync(ct);
        var returned = await (from w in db.Withdrawals.AsNoTracking()
                              join t in db.PayoutDestinations.AsNoTracking() on w.DestinationId equals t.Id
                              where w.ClientId == clientId && t.Kind == DestinationKind.Card && w.Currency == amount.Currency
                                    && w.Status != WithdrawalStatus.Rejected && w.Status != WithdrawalStatus.Failed && w.Status != WithdrawalStatus.Cancelled
                              group w by t.Identifier into g
                              select new { Card = g.Key, Sum = g.Sum(w => w.AmountMinor) }).ToListAsync(ct);
        var owed = deposited.ToDictionary(d => d.Card, d => d.Sum - (returned.FirstOrDefault(r => r.Card == d.Card)?.Sum ?? 0));
        var outstanding = new Money(owed.Values.Where(v => v > 0).Sum(), amount.Currency);
        if (destination.Kind == DestinationKind.Card)
        {
            var room = new Money(Math.Max(0, owed.GetValueOrDefault(destination.Identifier)), amount.Currency);
            return room >= amount
                ? new("Card money back to the card", true, $"{destination.Label} paid in {room} not yet returned; {amount} goes back to it.")
                : new("Card money back to the card", false, $"{destination.Label} can receive back at most what it paid in and was not yet returned: {room}.");
        }
        return outstanding.IsPositive
            ? new("Card money back to the card", false, $"{outstanding} deposited by card must go back to the card first; withdraw to the card, then to other methods.")
            : new("Card money back to the card", true, "No card deposit waiting to be returned.");
    }

    public static bool KindFits(ChannelKind channel, DestinationKind destination) => (channel, destination) switch
    {
        (ChannelKind.BankWire, DestinationKind.BankAccount) => true,
        (ChannelKind.Card, DestinationKind.Card) => true,
        (ChannelKind.Crypto, DestinationKind.CryptoAddress) => true,
        _ => false,
    };

    private static string Expected(ChannelKind kind) => kind switch
    {
        ChannelKind.BankWire => "a bank account",
        ChannelKind.Card => "a card",
        _ => "a crypto address",
    };
}
