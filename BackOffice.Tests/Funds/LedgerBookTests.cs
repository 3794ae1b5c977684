using BackOffice.Core.Common;
using BackOffice.Core.Funds.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Funds;

/// <summary>Postings stored: entries and balances in one transaction, one posting per kind and reference, balances recomputable.</summary>
[Trait("Category", "Database")]
public sealed class LedgerBookTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<Result<PostedTransaction>> PostAsync(LedgerPosting posting) =>
        app.Db(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var posted = await LedgerBook.PostAsync(db, posting, "test", app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            await tx.CommitAsync();
            return posted;
        });

    private Task<long> BalanceAsync(string code, string currency) =>
        app.Db(db => db.LedgerAccounts.Where(a => a.Code == code && a.Currency == currency).Select(a => a.BalanceMinor).SingleAsync());

    [Fact]
    public async Task A_posting_moves_the_balances_once_and_a_repeat_of_it_finds_the_first()
    {
        var deposit = LedgerPosting.Transfer("deposit", "D-100", "clearing:card", "client:9001", new Money(25_000, "USD")).Value!;

        var first = await PostAsync(deposit);
        var again = await PostAsync(deposit);

        Must.Succeed(first);
        Assert.False(first.Value!.AlreadyPosted);
        Assert.Equal((first.Value.TransactionId, true), (again.Value!.TransactionId, again.Value.AlreadyPosted));
        Assert.Equal(25_000, await BalanceAsync("client:9001", "USD"));
        Assert.Equal(-25_000, await BalanceAsync("clearing:card", "USD"));
        Assert.Equal(2, await app.Db(db => db.LedgerEntries.CountAsync(e => e.TransactionId == first.Value.TransactionId)));
    }

    [Fact]
    public async Task After_many_postings_every_kept_balance_equals_its_entries_and_each_currency_sums_to_zero()
    {
        var random = new Random(7);
        var accounts = new[] { "clearing:card", "clearing:crypto", "bank", "fees", "client:9101", "client:9102" };
        for (var i = 0; i < 60; i++)
        {
            var currency = i % 3 == 0 ? "EUR" : "USDT";
            var from = accounts[random.Next(accounts.Length)];
            var to = accounts.Where(a => a != from).ElementAt(random.Next(accounts.Length - 1));
            Must.Succeed(await PostAsync(LedgerPosting.Transfer("test", $"R-{i}", from, to, new Money(random.Next(1, 1_000_000), currency)).Value!));
        }

        Assert.Empty(await app.Db(db => LedgerBook.MismatchesAsync(db, CancellationToken.None)));
        foreach (var currency in new[] { "EUR", "USDT" })
            Assert.Equal(0, await app.Db(db => db.LedgerAccounts.Where(a => a.Currency == currency).SumAsync(a => a.BalanceMinor)));

        // A balance edited behind the ledger's back is found by the check.
        await app.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE \"LedgerAccounts\" SET \"BalanceMinor\" = \"BalanceMinor\" + 1 WHERE \"Code\" = 'bank' AND \"Currency\" = 'EUR'"));
        var mismatch = Assert.Single(await app.Db(db => LedgerBook.MismatchesAsync(db, CancellationToken.None)));
        Assert.Equal(("bank", "EUR"), (mismatch.Code, mismatch.Currency));
        Assert.Equal(1, mismatch.Kept - mismatch.FromEntries);
    }

    [Fact]
    public async Task Entries_cannot_be_edited_and_the_check_command_finds_a_balance_changed_behind_its_back()
    {
        var posted = await PostAsync(LedgerPosting.Transfer("deposit", "D-CHECK", "clearing:wire", "client:9100", new Money(7_000, "EUR")).Value!);
        var clean = await app.SendAs("finance", new CheckLedger());
        Must.Succeed(clean);
        Assert.DoesNotContain(clean.Value!.Mismatches, m => m.StartsWith("client:9100"));
        Assert.Equal(0, clean.Value.Unbalanced);

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Db(async db =>
        {
            var entry = await db.LedgerEntries.FirstAsync(e => e.TransactionId == posted.Value!.TransactionId);
            entry.AmountMinor = 1;
            return await db.SaveChangesAsync();
        }));

        await app.Db(db => db.LedgerAccounts.Where(a => a.Code == "client:9100").ExecuteUpdateAsync(u => u.SetProperty(a => a.BalanceMinor, 9_000)));
        var found = await app.SendAs("finance", new CheckLedger());
        Assert.False(found.Value!.Clean);
        Assert.Contains(found.Value.Mismatches, m => m.StartsWith("client:9100 EUR"));
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == Core.Operations.AlertKinds.LedgerMismatch)));
        Must.Fail(await app.SendAs("support", new CheckLedger()), "forbidden");
        await app.Db(db => db.LedgerAccounts.Where(a => a.Code == "client:9100").ExecuteUpdateAsync(u => u.SetProperty(a => a.BalanceMinor, 7_000)));
    }
}
