using System.Globalization;
using System.Text;
using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Reconciliation;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Funds.Reconciliation;

/// <summary>
/// Statements imported through the command against deposits and payouts made through the real flows. Each test moves
/// the clock on a fortnight first, so its statement's period holds only its own movements.
/// </summary>
[Trait("Category", "Database")]
public sealed class ReconciliationTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateOnly NewPeriod()
    {
        app.Clock.Advance(TimeSpan.FromDays(14));
        return DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
    }

    private static byte[] Csv(ChannelKind kind, params string[] lines) =>
        Encoding.UTF8.GetBytes(StatementLayout.StandardHeader(kind) + "\n" + string.Join("\n", lines) + "\n");

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<List<ReconciliationBreak>> BreaksAsync(long importId) =>
        app.Db(db => db.ReconciliationBreaks.AsNoTracking().Where(b => b.ImportId == importId).OrderBy(b => b.Id).ToListAsync());

    [Fact]
    public async Task A_card_settlement_report_matches_by_payment_id_and_reference_and_queues_what_does_not()
    {
        var day = NewPeriod();
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        async Task<Deposit> PaidAsync(decimal amount)
        {
            var started = await DepositBook.StartAsync(app, account.Id, "card", amount);
            Assert.Equal(200, await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay));
            return await DepositBook.LoadAsync(app, started.DepositId);
        }
        var byId = await PaidAsync(131.25m);
        var byReference = await PaidAsync(142.50m);
        var missing = await PaidAsync(153.75m);

        var file = Csv(ChannelKind.Card,
            $"{D(day)}T10:00:00Z,{byId.ProviderOrderId},,charge,131.25,USD,3.81,Pat Client",
            $"{D(day)}T11:00:00Z,ch_other,{byReference.Reference},charge,140.00,USD,4.06,Pat Client",
            $"{D(day)}T12:00:00Z,ch_stray,,charge,99.99,USD,2.90,Someone Else");
        var imported = await app.SendAs("finance", new ImportStatement("card", "card-settlement.csv", file));
        Must.Succeed(imported);
        var summary = imported.Value!;
        Assert.Equal((3, 1, 1, 1, 1), (summary.Lines, summary.Matched, summary.Mismatched, summary.TheirsOnly, summary.OursOnly));

        var breaks = await BreaksAsync(summary.ImportId);
        var mismatch = breaks.Single(b => b.Kind == BreakKind.AmountMismatch);
        Assert.Equal((byReference.Reference, 14_250L, 14_000L, -250L), (mismatch.OurReference, mismatch.OursMinor, mismatch.TheirsMinor, mismatch.DifferenceMinor));
        Assert.Equal(9_999L, breaks.Single(b => b.Kind == BreakKind.TheirsOnly).TheirsMinor);
        Assert.Equal(missing.Reference, breaks.Single(b => b.Kind == BreakKind.OursOnly).OurReference);
        var matched = await app.Db(db => db.StatementLines.AsNoTracking().SingleAsync(l => l.ImportId == summary.ImportId && l.Match == LineMatch.Matched));
        Assert.Equal((byId.Id, MatchKey.ProviderId), (matched.DepositId!.Value, matched.MatchedBy));
        var queue = await app.QueryAs("finance", new ReconciliationQueue(BreakView.Open, Channel: "card", ImportId: summary.ImportId));
        Assert.Equal(3, queue.Total);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(a => a.Action == nameof(ImportStatement) && a.EntityId == summary.ImportId.ToString())));

        // The same file again: refused, nothing written.
        var lines = await app.Db(db => db.StatementLines.CountAsync());
        var again = await app.SendAs("finance", new ImportStatement("card", "renamed.csv", file));
        Assert.Contains("already imported", Must.Fail(again, "conflict").Message);
        Assert.Equal(lines, await app.Db(db => db.StatementLines.CountAsync()));

        // A later statement overlapping this one: the known line is skipped, the missing deposit turns up and its break closes.
        var later = Csv(ChannelKind.Card,
            $"{D(day)}T10:00:00Z,{byId.ProviderOrderId},,charge,131.25,USD,3.81,Pat Client",
            $"{D(day.AddDays(1))}T09:00:00Z,{missing.ProviderOrderId},{missing.Reference},charge,153.75,USD,4.46,Pat Client");
        var second = await app.SendAs("finance", new ImportStatement("card", "card-settlement-2.csv", later));
        Must.Succeed(second);
        Assert.Equal((2, 1, 1, 1), (second.Value!.Lines, second.Value.Skipped, second.Value.Matched, second.Value.ClosedLater));
        Assert.Equal(BreakStatus.MatchedLater, (await BreaksAsync(summary.ImportId)).Single(b => b.Kind == BreakKind.OursOnly).Status);
    }

    [Fact]
    public async Task A_bank_line_naming_a_wire_awaiting_payment_is_linked_and_confirms_the_deposit_but_not_by_its_requester()
    {
        var day = NewPeriod();
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        var started = await DepositBook.StartAsync(app, account.Id, "wire", 4_321m);

        var imported = await app.SendAs("finance2", new ImportStatement("wire", "bank.csv",
            Csv(ChannelKind.BankWire, $"{D(day)},4321.00,USD,{holder},Transfer {started.Reference},BANK-REF-77")));
        Must.Succeed(imported);
        var item = (await BreaksAsync(imported.Value!.ImportId)).Single();
        Assert.Equal((BreakKind.TheirsOnly, started.DepositId), (item.Kind, item.DepositId!.Value));
        Assert.Contains("awaiting payment", item.Detail);
        Assert.Equal(started.Reference, (await app.QueryAs("finance2", new LinkCandidates(item.Id)))[0].Reference);

        Must.Fail(await app.SendAs("finance", new LinkStatementLine(item.Id, started.Reference)), "deposit.own_request");
        Must.Fail(await app.SendAs("support", new LinkStatementLine(item.Id, started.Reference)), "forbidden");
        Must.Fail(await app.SendAs("finance2", new LinkStatementLine(item.Id, "no reference")), "validation");
        Must.Fail(await app.SendAs("finance2", new LinkStatementLine(item.Id, "D-999999")), "reconciliation.unknown");
        var linked = await app.SendAs("finance2", new LinkStatementLine(item.Id, started.Reference));
        Must.Succeed(linked);
        Assert.Contains("Credited", linked.Value);

        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        Assert.Equal((DepositStatus.Credited, "statement BANK-REF-77"), (deposit.Status, deposit.ProviderStatus));
        var resolved = (await BreaksAsync(imported.Value.ImportId)).Single();
        Assert.Equal((BreakStatus.Linked, "finance2"), (resolved.Status, resolved.ResolvedBy));
        Must.Fail(await app.SendAs("finance2", new LinkStatementLine(item.Id, started.Reference)), "conflict");
    }

    [Fact]
    public async Task Money_that_came_without_a_reference_becomes_a_deposit_for_the_account_finance_names()
    {
        var day = NewPeriod();
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        var imported = await app.SendAs("finance", new ImportStatement("wire", "bank-2.csv",
            Csv(ChannelKind.BankWire, $"{D(day)},777.77,USD,{holder},salary top up,BANK-REF-88", $"{D(day)},-15.00,USD,Bank,account fee,FEE-1")));
        Must.Succeed(imported);
        var breaks = await BreaksAsync(imported.Value!.ImportId);
        var money = breaks.Single(b => b.TheirsMinor == 77_777);
        var fee = breaks.Single(b => b.TheirsMinor == -1_500);

        Must.Fail(await app.SendAs("finance", new CreateDepositFromStatementLine(fee.Id, account.Login)), "reconciliation.sign");
        Must.Fail(await app.SendAs("finance", new CreateDepositFromStatementLine(money.Id, 12345)), "reconciliation.account");
        var created = await app.SendAs("finance", new CreateDepositFromStatementLine(money.Id, account.Login));
        Must.Succeed(created);
        var deposit = await app.Db(db => db.Deposits.AsNoTracking().SingleAsync(d => d.ProviderOrderId == "BANK-REF-88"));
        Assert.Equal((DepositStatus.Credited, 77_777L, account.Id), (deposit.Status, deposit.PaidMinor!.Value, deposit.TradingAccountId));
        Assert.Equal(77_777, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
        Assert.Equal(BreakStatus.DepositCreated, (await BreaksAsync(imported.Value.ImportId)).Single(b => b.Id == money.Id).Status);
    }

    [Fact]
    public async Task A_write_off_waits_for_a_second_person_and_posts_the_difference_to_the_reconciliation_account()
    {
        var day = NewPeriod();
        var imported = await app.SendAs("finance", new ImportStatement("crypto", "crypto.csv",
            Csv(ChannelKind.Crypto, $"{D(day)},np_dust,,0.420000,USDT,TXdust")));
        Must.Succeed(imported);
        var dust = (await BreaksAsync(imported.Value!.ImportId)).Single();
        var before = await app.Db(db => db.LedgerAccounts.AsNoTracking().Where(a => a.Code == BreakResolutionHandlers.DifferencesAccount && a.Currency == "USDT")
            .Select(a => a.BalanceMinor).FirstOrDefaultAsync());

        Must.Fail(await app.SendAs("finance", new WriteOffReconciliationBreak(dust.Id, "")), "validation");
        var asked = await app.SendAs("finance", new WriteOffReconciliationBreak(dust.Id, "Dust sent to the deposit address by nobody we know"));
        Assert.True(asked.IsPendingApproval);
        Assert.Equal(BreakStatus.Open, (await BreaksAsync(imported.Value.ImportId)).Single().Status);
        Assert.Contains("already waiting", Must.Fail(await app.SendAs("finance2", new WriteOffReconciliationBreak(dust.Id, "twice")), "conflict").Message);
        Must.Fail(await app.SendAs("finance", new ApprovePendingOperation(asked.PendingOperationId!.Value, "mine")));
        Must.Succeed(await app.SendAs("finance2", new ApprovePendingOperation(asked.PendingOperationId!.Value, "agreed")));

        var written = (await BreaksAsync(imported.Value.ImportId)).Single();
        Assert.Equal(BreakStatus.WrittenOff, written.Status);
        Assert.NotNull(written.LedgerTransactionId);
        var after = await app.Db(db => db.LedgerAccounts.AsNoTracking().Where(a => a.Code == BreakResolutionHandlers.DifferencesAccount && a.Currency == "USDT")
            .Select(a => a.BalanceMinor).FirstAsync());
        Assert.Equal(420_000, after - before);
        Must.Fail(await app.SendAs("finance", new WriteOffReconciliationBreak(dust.Id, "again")), "conflict");
    }

    [Fact]
    public async Task Mislabelled_oversize_or_unreadable_statements_are_refused_and_nothing_is_imported()
    {
        var day = NewPeriod();
        var imports = await app.Db(db => db.StatementImports.CountAsync());

        Assert.Contains("not a text file (it looks like a PDF)",
            Must.Fail(await app.SendAs("finance", new ImportStatement("card", "report.csv", "%PDF-1.7 ...."u8.ToArray())), "validation").Message);
        Assert.Contains("CSV file",
            Must.Fail(await app.SendAs("finance", new ImportStatement("card", "report.xlsx", "a,b"u8.ToArray())), "validation").Message);
        Assert.Contains("the most accepted is 40 MB",
            Must.Fail(await app.SendAs("finance", new ImportStatement("card", "big.csv", new byte[41 * 1024 * 1024])), "validation").Message);
        Must.Fail(await app.SendAs("support", new ImportStatement("card", "ok.csv", Csv(ChannelKind.Card, $"{D(day)},x,,charge,1,USD,0,A"))), "forbidden");
        Must.Fail(await app.SendAs("finance", new ImportStatement("nope", "ok.csv", Csv(ChannelKind.Card, $"{D(day)},x,,charge,1,USD,0,A"))), "not_found");
        var unreadable = await app.SendAs("finance", new ImportStatement("card", "bad.csv",
            Csv(ChannelKind.Card, $"{D(day)},x1,,charge,1.005,USD,0,A", $"{D(day)},x2,,charge,2,USD,0,B")));
        Assert.Contains("Line 2: USD amounts have at most 2 decimals", Must.Fail(unreadable, "statement.unreadable").Message);
        Assert.Contains("Name the column that holds the date.", Must.Fail(await app.SendAs("finance", new ImportStatement("card", "m.csv",
            Csv(ChannelKind.Card, $"{D(day)},x,,charge,1,USD,0,A"), new StatementLayout { AmountColumn = "amount", FixedCurrency = "USD", ReferenceColumn = "r" })),
            "validation").Message);

        Assert.Equal(imports, await app.Db(db => db.StatementImports.CountAsync()));
        Assert.Equal(0, await app.Db(db => db.StatementLines.CountAsync(l => l.Date == day)));
    }
}
