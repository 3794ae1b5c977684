using BackOffice.Core.Common;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Operations;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Infrastructure.Partners;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Partners;

/// <summary>A standing payout instruction, approved by a second manager, carried out by the monthly schedule once a month.</summary>
[Trait("Category", "Database")]
public sealed class ScheduledPayoutTests(SharedApp app) : IClassFixture<SharedApp>
{
    private static readonly PartnersOptions Options = new() { ScheduledPayoutHourUtc = 6 };

    private Task<long> BalanceAsync(string code) =>
        app.Db(db => db.LedgerAccounts.Where(a => a.Code == code && a.Currency == "USD").Select(a => a.BalanceMinor).FirstOrDefaultAsync());

    private Task<IReadOnlyDictionary<long, string>> ScheduleAsync() =>
        PayoutScheduler.RunDueAsync(app.Scopes, app.Clock, Options, NullLogger.Instance, default);

    private Task<PayoutInstruction?> InstructionAsync(long partner) =>
        app.Db(db => db.PayoutInstructions.AsNoTracking().Where(i => i.PartnerId == partner).OrderByDescending(i => i.Id).FirstOrDefaultAsync());

    /// <summary>A partner with 300.00 USD of approved commission, its client, and one live account of its own.</summary>
    private async Task<(long Partner, long PartnerClient, long Login, string Code)> PartnerWithCommissionAsync(string name)
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "launch", (1, 50m)));
        var (partnerClient, partnerAccount) = await ClientBook.ApprovedWithAccountAsync(app);
        var code = CommissionBook.Code(name);
        var partner = (await app.SendAs("ib", new CreatePartner(partnerClient, code, null))).Value;
        Must.Succeed(await app.SendAs("ib", new AssignCommissionPlan(partner, plan.Code, t0)));
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromHours(13));
        await CommissionBook.RecordAsync(app, account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 6m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 6m));
        var run = await CommissionBook.RunAsync(app, t0, t0.AddHours(12));
        var approve = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "checked"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(approve.PendingOperationId!.Value, "ok")));
        Assert.Equal(30000, await BalanceAsync(CommissionRuns.PayableAccount(partner)));
        return (partner, partnerClient, partnerAccount.Login, code);
    }

    /// <summary>Moves the clock to <paramref name="day"/> of the next month at <paramref name="hour"/> UTC.</summary>
    private void NextMonth(int day, int hour)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var target = new DateTime(now.Year, now.Month, day, hour, 0, 0, DateTimeKind.Utc).AddMonths(1);
        app.Clock.Advance(target - now);
    }

    [Fact]
    public async Task An_approved_instruction_pays_everything_available_into_the_account_on_its_day_once_a_month()
    {
        var (partner, _, login, code) = await PartnerWithCommissionAsync("MONTHLY");
        var (_, strangers) = await ClientBook.ApprovedWithAccountAsync(app);

        // Refused with the reason, nothing sent for approval: a day some months lack, another client's account, no reason, no permission.
        var pendingBefore = await app.Db(db => db.PendingOperations.CountAsync());
        Assert.Contains("DayOfMonth", Must.Fail(await app.SendAs("ib", new SetPayoutInstruction(partner, login, null, null, 29, "Monthly")), "validation").Fields!.Keys);
        Must.Fail(await app.SendAs("ib", new SetPayoutInstruction(partner, strangers.Login, null, null, 3, "Monthly")), "payout.account");
        Must.Fail(await app.SendAs("ib", new SetPayoutInstruction(partner, login, "wire", 1, 3, "Both")), "validation");
        Must.Fail(await app.SendAs("ib", new SetPayoutInstruction(partner, login, null, null, 3, "")), "validation");
        Must.Fail(await app.SendAs("support", new SetPayoutInstruction(partner, login, null, null, 3, "Monthly")), "forbidden");
        Assert.Equal(pendingBefore, await app.Db(db => db.PendingOperations.CountAsync()));

        // Four-eyes: nothing stands until a second manager approves.
        var asked = await app.SendAs("ib", new SetPayoutInstruction(partner, login, null, null, 3, "Partner agreement, clause 7"));
        Assert.True(asked.IsPendingApproval);
        Assert.Null(await InstructionAsync(partner));
        Must.Fail(await app.SendAs("ib", new ApprovePendingOperation(asked.PendingOperationId!.Value, "mine")));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "Agreement on file")));
        var instruction = await InstructionAsync(partner);
        Assert.Equal((PayoutInstructionKind.IntoAccount, login, 3, "USD", true), (instruction!.Kind, instruction.Login, instruction.DayOfMonth, instruction.Currency, instruction.Active));
        Assert.Contains("approved by", instruction.CreatedBy);
        var shown = (await app.QueryAs("ib", new PartnerProfile(partner)))!.Instruction;
        Assert.Equal($"into account {login}", shown!.PayTo);
        Assert.Contains(code, (await app.QueryAs("ib", new StandingPayoutInstructions())).Select(i => i.PartnerCode));

        // Not before its day and hour of a month that began after it was made.
        Assert.DoesNotContain(instruction.Id, (await ScheduleAsync()).Keys);
        NextMonth(3, 5);
        Assert.DoesNotContain(instruction.Id, (await ScheduleAsync()).Keys);
        Assert.Equal(30000, await BalanceAsync(CommissionRuns.PayableAccount(partner)));

        // On its day: all 300.00 into the account, through the ledger and onto the platform; the schedule acts once for the month.
        app.Clock.Advance(TimeSpan.FromHours(1));
        var outcome = (await ScheduleAsync())[instruction.Id];
        Assert.StartsWith($"Paid 300.00 USD into account {login}", outcome);
        Assert.Equal(0, await BalanceAsync(CommissionRuns.PayableAccount(partner)));
        var payout = await app.Db(db => db.PartnerPayouts.SingleAsync(p => p.PartnerId == partner));
        Assert.Equal((30000L, "system:payout-schedule"), (payout.AmountMinor, payout.PaidBy));
        Assert.True(await app.Db(db => db.PlatformBalanceOperations.AnyAsync(o => o.LedgerTransactionId == payout.LedgerTransactionId)));
        var period = PayoutInstruction.Period(app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal((period, outcome), ((await InstructionAsync(partner))!.LastPeriod, (await InstructionAsync(partner))!.LastOutcome));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == nameof(ExecutePayoutInstruction) && a.EntityId == partner.ToString())));
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.DoesNotContain(instruction.Id, (await ScheduleAsync()).Keys);
        var again = await app.Scopes.SendAsAsync(new ExecutePayoutInstruction(instruction.Id, period), Actor.System("test"));
        Assert.Equal("", again.Value);
        Assert.Equal(1, await app.Db(db => db.PartnerPayouts.CountAsync(p => p.PartnerId == partner)));

        // The next month there is nothing left: the month is recorded, nothing moves.
        NextMonth(3, 7);
        Assert.StartsWith("Nothing paid: 0.00 USD available, less than the smallest payout of 50.00 USD", (await ScheduleAsync())[instruction.Id]);
        Assert.Equal(1, await app.Db(db => db.PartnerPayouts.CountAsync(p => p.PartnerId == partner)));
    }

    [Fact]
    public async Task A_withdrawal_instruction_requests_the_withdrawal_a_refused_month_is_held_with_an_alert_and_a_stopped_instruction_does_nothing()
    {
        var (partner, partnerClient, _, code) = await PartnerWithCommissionAsync("OUTMONTHLY");
        var holder = (await ClientBook.ClientAsync(app, partnerClient)).DisplayName;
        var bank = await app.SendAs("finance", new AddPayoutDestination(partnerClient, DestinationKind.BankAccount, WithdrawalBook.Iban, holder, "Barclays"));

        // An unverified destination is refused before anyone approves.
        Must.Fail(await app.SendAs("ib", new SetPayoutInstruction(partner, null, "wire", bank.Value, 10, "Monthly to the bank")), "payout.destination");
        Must.Succeed(await app.SendAs("finance2", new DecidePayoutDestination(bank.Value, true, "Bank letter on file")));
        var asked = await app.SendAs("ib", new SetPayoutInstruction(partner, null, "wire", bank.Value, 10, "Monthly to the bank"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "ok")));
        var instruction = (await InstructionAsync(partner))!;
        Assert.Equal(PayoutInstructionKind.Withdrawal, instruction.Kind);

        // A restricted partner client may not take money out: the month is held with the reason and the managers alerted.
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(partnerClient, RestrictionCategory.AbnormalActivity, "Review of its clients")));
        NextMonth(10, 9);
        var held = (await ScheduleAsync())[instruction.Id];
        Assert.StartsWith("Not paid: The withdrawal cannot be requested: Status", held);
        Assert.Equal(held, (await InstructionAsync(partner))!.LastOutcome);
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.ScheduledPayoutFailed && a.Message.Contains(code))));
        Assert.False(await app.Db(db => db.Withdrawals.AnyAsync(w => w.PartnerId == partner)));
        Assert.Equal(30000, await BalanceAsync(CommissionRuns.PayableAccount(partner)));
        Assert.DoesNotContain(instruction.Id, (await ScheduleAsync()).Keys);

        // Cleared, the next month's run requests a withdrawal of everything: reserved, waiting for its approval level.
        var lift = await app.SendAs("compliance", new LiftClientRestriction(partnerClient, "Review closed"));
        Must.Succeed(await app.SendAs("compliance2", new ApprovePendingOperation(lift.PendingOperationId!.Value, "ok")));
        NextMonth(10, 9);
        var requested = (await ScheduleAsync())[instruction.Id];
        Assert.True(requested.StartsWith("Withdrawal W-", StringComparison.Ordinal), requested);
        var withdrawal = await app.Db(db => db.Withdrawals.SingleAsync(w => w.PartnerId == partner));
        Assert.Equal((30000L, WithdrawalStatus.PendingApproval, ApprovalLevel.L1), (withdrawal.AmountMinor, withdrawal.Status, withdrawal.RequiredLevel));
        Assert.Equal((0L, 30000L), (await BalanceAsync(CommissionRuns.PayableAccount(partner)), await BalanceAsync(WithdrawalChecks.ReservedCommissionAccount(partner))));

        // Stopped: nothing more happens; stopping twice is refused.
        Must.Fail(await app.SendAs("ib", new EndPayoutInstruction(partner, "")), "validation");
        Must.Succeed(await app.SendAs("ib", new EndPayoutInstruction(partner, "Partner asked to be paid by hand")));
        Must.Fail(await app.SendAs("ib", new EndPayoutInstruction(partner, "again")), "not_found");
        Assert.Null((await app.QueryAs("ib", new PartnerProfile(partner)))!.Instruction);
        NextMonth(10, 9);
        Assert.DoesNotContain(instruction.Id, (await ScheduleAsync()).Keys);
    }
}
