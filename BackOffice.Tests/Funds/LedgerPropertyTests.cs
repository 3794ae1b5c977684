using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Adjustments;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Infrastructure.Payments;
using BackOffice.Infrastructure.Platform.Simulator;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Funds;

/// <summary>
/// Random sequences of deposits (paid, declined), withdrawals (approved, rejected, cancelled, paid, payout refused), transfers
/// and corrections, with the platform sometimes down while operations are sent. After every step each transaction balances,
/// every kept balance equals its entries, no available balance is negative and what is reserved equals the open withdrawals;
/// once everything has reached the platform, the ledger equals the platform's balance.
/// </summary>
[Trait("Category", "Database")]
public sealed class LedgerPropertyTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Theory]
    [InlineData(20261127, 90)]
    [InlineData(7, 90)]
    public async Task Any_sequence_of_money_movements_keeps_the_ledger_whole_and_in_step_with_the_platform(int seed, int steps)
    {
        var random = new Random(seed);
        // Monitoring is another module's concern: its alerts would block the withdrawals this test wants to exercise.
        await app.Db(db => db.MonitoringRules.ExecuteUpdateAsync(u => u.SetProperty(r => r.Enabled, false)));
        var (clientId, first, bank) = await WithdrawalBook.FundedAsync(app, 1_000m);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new OpenTradingAccount(clientId, typeId, "USD"));
        await ClientBook.SyncAsync(app);
        var second = await ClientBook.AccountAsync(app, opened.Value);
        TradingAccount[] accounts = [first, second];
        var simulator = ClientBook.Simulator(app);
        var sandbox = app.Services.GetRequiredService<SandboxPsp>();
        var outcomes = new Dictionary<string, int>();
        void Count(string what, Result r) => outcomes[what + (r.Succeeded ? "" : ":refused")] = outcomes.GetValueOrDefault(what + (r.Succeeded ? "" : ":refused")) + 1;

        for (var step = 0; step < steps; step++)
        {
            var account = accounts[random.Next(accounts.Length)];
            var amount = random.Next(1, 400) * 5m;
            switch (random.Next(10))
            {
                case 0 or 1:
                    var deposit = await app.SendAs("finance", new StartDeposit(account.Id, "card", amount, "USD"));
                    Count("card deposit", deposit);
                    if (deposit.Succeeded)
                        await DepositBook.CompleteAsync(app, deposit.Value!, random.Next(4) == 0 ? SandboxOutcome.Decline : SandboxOutcome.Pay);
                    break;
                case 2:
                    var wire = await app.SendAs("finance", new StartDeposit(account.Id, "wire", amount + 100, "USD"));
                    var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
                    Count("wire", await app.SendAs("finance2", new ConfirmWireDeposit(wire.Value!.DepositId, amount + 100, "USD", holder, $"S{step}")));
                    break;
                case 3 or 4:
                    var card = await app.Db(db => db.PayoutDestinations.AsNoTracking().Where(d => d.ClientId == clientId && d.Kind == DestinationKind.Card)
                        .Select(d => (long?)d.Id).FirstOrDefaultAsync());
                    var toCard = card is not null && random.Next(2) == 0;
                    Count("withdrawal", await app.SendAs("finance", new RequestWithdrawal(account.Id, toCard ? "card" : "wire", toCard ? card!.Value : bank, amount, "USD")));
                    break;
                case 5 or 6:
                    await DecideAsync(random, sandbox, Count);
                    break;
                case 7:
                    var other = accounts.First(a => a.Id != account.Id);
                    Count("transfer", await app.SendAs("finance", new TransferBetweenAccounts(account.Id, other.Id, amount, "USD")));
                    break;
                case 8:
                    var asked = await app.SendAs("finance", new CorrectBalance(account.Id, random.Next(2) == 0 ? amount : -amount, "USD", CorrectionCategory.BookingError, $"step {step}"));
                    Count("correction", asked.IsPendingApproval ? await app.SendAs("finance2", new ApprovePendingOperation(asked.PendingOperationId!.Value, "ok")) : asked);
                    break;
                default:
                    simulator.Mode = random.Next(3) == 0 ? SimulatorMode.Down : SimulatorMode.Normal;
                    try
                    {
                        await DepositBook.DispatchAsync(app);
                    }
                    finally
                    {
                        simulator.Mode = SimulatorMode.Normal;
                    }
                    app.Clock.Advance(TimeSpan.FromMinutes(15)); // past any retry back-off
                    break;
            }
            await AssertWholeAsync(accounts, $"seed {seed}, step {step}");
        }

        // Everything reaches the platform; the ledger and the platform then agree account by account.
        for (var round = 0; round < 3; round++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(15));
            await DepositBook.DispatchAsync(app);
        }
        Assert.False(await app.Db(db => db.PlatformBalanceOperations.AnyAsync(o => o.Status != BalanceOperationStatus.Applied
            && (o.TradingAccountId == first.Id || o.TradingAccountId == second.Id))));
        foreach (var a in accounts)
        {
            var ledger = await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(a.Id));
            var platform = (await simulator.GetStateAsync(a.Login, CancellationToken.None)).Balance;
            Assert.Equal(ledger / 100m, platform);
        }
        var seen = string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"));
        foreach (var done in new[] { "card deposit", "wire", "withdrawal", "approve", "transfer", "correction" })
            Assert.True(outcomes.ContainsKey(done), $"no successful {done} in: {seen}");
    }

    private async Task DecideAsync(Random random, SandboxPsp sandbox, Action<string, Result> count)
    {
        var open = await app.Db(db => db.Withdrawals.AsNoTracking()
            .Where(w => w.Status == WithdrawalStatus.PendingApproval || w.Status == WithdrawalStatus.Approved).OrderBy(w => w.Id).ToListAsync());
        if (open.Count == 0) return;
        var w = open[random.Next(open.Count)];
        if (w.Status == WithdrawalStatus.Approved)
        {
            var channel = await app.Db(db => db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Id == w.ChannelId));
            if (random.Next(5) == 0)
            {
                count("reverse", await app.SendAs("finance2", new RejectWithdrawal(w.Id, "reversed before payout")));
                return;
            }
            if (channel.Kind == Core.Funds.Channels.ChannelKind.BankWire)
            {
                count("voucher", await app.SendAs("finance2", new RecordPaymentVoucher(w.Id, $"OUT-{w.Id}", null, null)));
                return;
            }
            if (random.Next(4) == 0) sandbox.RefuseNextPayouts = 1;
            count("payout", await app.SendAs("finance2", new ExecutePayout(w.Id)));
            sandbox.RefuseNextPayouts = 0;
            return;
        }
        switch (random.Next(6))
        {
            case 0:
                count("reject", await app.SendAs(w.NextLevel == ApprovalLevel.L1 ? "finance2" : "manager", new RejectWithdrawal(w.Id, "not this time")));
                break;
            case 1 when w.ApprovedLevel == ApprovalLevel.Automatic:
                count("cancel", await app.SendAs("finance", new CancelWithdrawal(w.Id, "client asked")));
                break;
            default:
                count("approve", await app.SendAs(w.NextLevel == ApprovalLevel.L1 ? "finance2" : "manager", new ApproveWithdrawal(w.Id, w.NextLevel)));
                break;
        }
    }

    private async Task AssertWholeAsync(TradingAccount[] accounts, string where)
    {
        var unbalanced = await app.Db(db => db.LedgerEntries.AsNoTracking().GroupBy(e => new { e.TransactionId, e.Currency })
            .Where(g => g.Sum(e => e.AmountMinor) != 0).CountAsync());
        Assert.True(unbalanced == 0, $"{where}: {unbalanced} unbalanced transactions");
        Assert.Empty(await app.Db(db => LedgerBook.MismatchesAsync(db, CancellationToken.None)));
        foreach (var a in accounts)
        {
            var available = await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(a.Id));
            Assert.True(available >= 0, $"{where}: account {a.Login} available {available}");
            var reserved = await WithdrawalBook.LedgerAsync(app, WithdrawalChecks.ReservedAccount(a.Id));
            var open = await app.Db(db => db.Withdrawals.Where(w => w.TradingAccountId == a.Id
                && (w.Status == WithdrawalStatus.PendingApproval || w.Status == WithdrawalStatus.Approved)).SumAsync(w => (long?)w.AmountMinor)) ?? 0;
            Assert.True(reserved == open, $"{where}: account {a.Login} reserved {reserved}, open withdrawals {open}");
        }
    }
}
