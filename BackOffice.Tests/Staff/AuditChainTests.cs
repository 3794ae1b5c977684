using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Audit;
using BackOffice.Core.Staff.Members;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Staff;

[Trait("Category", "Database")]
public sealed class AuditChainTests
{
    [Fact]
    public async Task Rows_added_in_a_command_are_named_by_the_keys_the_database_gave_them_once_each()
    {
        await using var app = new TestApp();
        // A card payment adds the callback's log row and then completes it, and posts a ledger transaction whose entries refer to it.
        var (_, account) = await Funds.Deposits.DepositBook.LowRiskAccountAsync(app);
        var started = await Funds.Deposits.DepositBook.StartAsync(app, account.Id, "card", 75m);
        Assert.Equal(200, await Funds.Deposits.DepositBook.CompleteAsync(app, started, Infrastructure.Payments.SandboxOutcome.Pay));

        var entry = await app.Db(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == nameof(Core.Funds.Deposits.RecordPaymentEvent))
            .OrderByDescending(a => a.Sequence).FirstAsync());
        var callback = await app.Db(db => db.PaymentCallbacks.AsNoTracking().OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        var tx = await app.Db(db => db.Deposits.AsNoTracking().Where(d => d.Id == started.DepositId).Select(d => d.LedgerTransactionId!.Value).FirstAsync());
        Assert.DoesNotMatch(@"""\w+:-\d+""", entry.After!); // no placeholder key such as "Deposit:-9223372036854774508"
        Assert.DoesNotContain("-92233720", entry.After);
        Assert.Contains($"\"PaymentCallback:{callback}\"", entry.After);
        Assert.Contains($"\"LedgerTransaction:{tx}\"", entry.After);
        Assert.Contains($"\"TransactionId\":{tx}", entry.After);
        Assert.DoesNotContain($"PaymentCallback:{callback}", entry.Before ?? "");
        Assert.True((await app.QueryAs("admin", new VerifyAuditChain())).Intact);
    }

    [Fact]
    public async Task Verify_chain_reports_the_first_row_edited_with_raw_sql()
    {
        await using var app = new TestApp();
        for (var i = 0; i < 3; i++)
            Must.Succeed(await app.SendAs("admin", new CreateStaffMember($"clerk{i}", $"Clerk {i}", $"c{i}@example.com", "long-enough-password")));
        var intact = await app.QueryAs("admin", new VerifyAuditChain());
        Assert.True(intact.Intact, intact.Message);
        Assert.True(intact.Checked >= 3);

        var target = await app.Db(db => db.AuditEntries.Where(a => a.Action == nameof(CreateStaffMember)).OrderBy(a => a.Sequence).Skip(1).Select(a => a.Sequence).FirstAsync());
        await app.Db(db => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"ActorName\" = 'someone-else' WHERE \"Sequence\" = {target}"));

        var broken = await app.QueryAs("admin", new VerifyAuditChain());
        Assert.False(broken.Intact);
        Assert.Equal(target, broken.FirstBrokenSequence);
        Assert.Contains("altered", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_row_breaks_the_chain_too()
    {
        await using var app = new TestApp();
        for (var i = 0; i < 3; i++)
            Must.Succeed(await app.SendAs("admin", new CreateStaffMember($"temp{i}", $"Temp {i}", $"t{i}@example.com", "long-enough-password")));
        var last = await app.Db(db => db.AuditEntries.MaxAsync(a => a.Sequence));
        await app.Db(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {last - 1}"));
        var report = await app.QueryAs("admin", new VerifyAuditChain());
        Assert.False(report.Intact);
        Assert.Equal(last - 1, report.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verifying_needs_its_permission()
    {
        await using var app = new TestApp();
        await Assert.ThrowsAsync<Core.Common.AccessDeniedException>(() => app.QueryAs("support", new VerifyAuditChain()));
    }

    [Fact]
    public async Task A_webhook_secret_never_reaches_the_audit_trail()
    {
        await using var app = new TestApp();
        var added = await app.SendAs("admin", new Core.Webhooks.AddWebhookSubscription("CRM", "https://crm.example/hook", "*"));
        Must.Succeed(added);
        var entry = await app.Db(db => db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal(nameof(Core.Webhooks.AddWebhookSubscription), entry.Action);
        Assert.Contains("crm.example", entry.After!, StringComparison.Ordinal);
        Assert.DoesNotContain(added.Value!.Secret, entry.After!, StringComparison.Ordinal);
    }
}

public sealed class AuditCanonicalFormTests
{
    [Fact]
    public void Null_and_empty_and_shifted_text_hash_differently()
    {
        var at = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);
        Core.Staff.Audit.AuditEntry Entry(string? reason, string? ip) => new()
        {
            Sequence = 1, At = at, ActorName = "admin", Action = "X", CorrelationId = "c", Reason = reason, Ip = ip,
        };
        var hashes = new[]
        {
            Entry(null, "1.2.3.4"), Entry("", "1.2.3.4"), Entry("a\u001f", "1.2.3.4"), Entry("a", "\u001f1.2.3.4"),
        }.Select(e => e.HashAfter("")).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public void The_hash_written_with_each_entry_is_the_hash_of_its_canonical_text_after_the_previous_hash()
    {
        var at = new DateTime(2026, 11, 26, 23, 30, 0, DateTimeKind.Utc).AddTicks(1_234_560);
        var entries = new Core.Staff.Audit.AuditEntry[]
        {
            new() { Sequence = 1, At = at, ActorName = "admin", Action = "X", CorrelationId = "c" },
            new()
            {
                Sequence = 9_000_000_001, At = at, ActorId = "0b5c", ActorName = "Zoë O'Brien \"the checker\"", ApproverId = "77", ApproverName = "Jürgen",
                Action = "ApproveWithdrawal", EntityType = "Withdrawal", EntityId = "W-1", Before = "{\"Status\":\"Pending\"}",
                After = "{\"Status\":\"Approved\",\"Note\":\"<script>&\\u0000 — 払い戻し 😀\"}" + new string('x', 9_000), Reason = "line\nbreak\ttab",
                Ip = "::1", UserAgent = "Mozilla/5.0", CorrelationId = "corr-1",
            },
        };
        foreach (var previous in new[] { "", "ab12" + new string('f', 60) })
            foreach (var entry in entries)
                Assert.Equal(Core.Staff.Audit.AuditEntry.ComputeHash(previous, entry.Canonical()), entry.HashAfter(previous));
    }
}
