using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Accounts;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

[Trait("Category", "Database")]
public sealed class AccountReportTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task Registrations_approvals_the_funnel_time_to_approve_pending_documents_and_closures_are_counted()
    {
        var manager = (await app.ActorAsync("support")).StaffId!;
        var today = Today(app);
        // Norway, registered at 09:00: A approved after 5 h and funded, B approved after 3 h more (8 h), C asked for documents, D closed.
        var a = await RegisterAsync(app, "NO", manager);
        var b = await RegisterAsync(app, "NO");
        var c = await RegisterAsync(app, "NO");
        var d = await RegisterAsync(app, "NO");
        app.Clock.Advance(TimeSpan.FromHours(5));
        await ApproveAsync(app, a);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await ApproveAsync(app, b);
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(c, "Application complete")));
        Must.Succeed(await app.SendAs("compliance", new RequestClientDocuments(c, "Proof of address missing")));
        Must.Succeed(await app.SendAs("compliance", new CloseClient(d, "Client asked to leave")));
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new OpenTradingAccount(a, typeId, "USD"));
        Must.Succeed(opened);
        await ClientBook.SyncAsync(app);
        var started = await app.SendAs("finance", new StartDeposit(opened.Value, "wire", 500m, "USD"));
        Must.Succeed(started);
        var holder = (await ClientBook.ClientAsync(app, a)).DisplayName;
        Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(started.Value!.DepositId, 500m, "USD", holder, "STMT-NO-1")));
        // Someone else's client elsewhere does not count.
        await ApproveAsync(app, await RegisterAsync(app, "PT"));

        var report = await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, Country: "NO"));
        Assert.Equal(4L, report.Value("New registrations"));
        Assert.Equal(0.5m, report.Value("Approval rate"));
        Assert.Equal(1L, report.Value("Funded"));
        Assert.Equal(2L, report.Value("Approvals"));
        Assert.Equal(6.5m, report.Value("Average time to approve")); // (5 + 8) / 2
        Assert.Equal(6.5m, report.Value("Median time to approve"));
        Assert.Equal(1L, report.Value("Pending additional documents"));
        Assert.Equal(1L, report.Value("Closed accounts"));
        Assert.Equal([4L, 1m], report.Row("funnel", "Registered")[1..]);
        Assert.Equal([2L, 0.5m], report.Row("funnel", "Approved")[1..]);
        Assert.Equal([1L, 0.25m], report.Row("funnel", "Funded")[1..]);
        Assert.Equal([today, 4L, 2L, 1L], report.Row("daily", today));
        Assert.Equal([5m, 8m], report.Table("approvals").Rows.Select(r => r[report.Table("approvals").Column("Hours to approve")]));
        Assert.Equal("Proof of address missing", report.Table("pending-documents").Rows.Single()[5]);
        Assert.Equal("Client asked to leave", report.Table("closed").Rows.Single()[4]);
        Assert.Contains(new KeyValuePair<string, string>("Country", "NO Norway"), report.Filters);
        Assert.Equal(ReportCatalogue.AccountManager, report.StaffMeaning);

        // Each filter narrows: the account type (only A has a Standard account), the account manager (only A is support's).
        var standard = await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, AccountType: "standard", Country: "NO"));
        Assert.Equal((1L, 1m, 1L), (standard.Value("New registrations"), standard.Value("Approval rate"), standard.Value("Funded")));
        var managed = await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, Country: "NO", Staff: "support"));
        Assert.Equal((1L, 0L, 0L), (managed.Value("New registrations"), managed.Value("Pending additional documents"), managed.Value("Closed accounts")));
        var all = await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, AccountType: "Standard", Country: "NO", Staff: "support"));
        Assert.Equal(1L, all.Value("Funded"));
        // No filter at all: at least this dataset and the Portuguese client.
        var none = await RunAsync(app, ReportKind.Accounts, new ReportFilter());
        Assert.True((long)none.Value("New registrations")! >= 5);
        // The history behind "approved" holds each move once.
        Assert.Equal(2, await app.Db(db => db.ClientStatusChanges.CountAsync(h => (h.ClientId == a || h.ClientId == b) && h.To == ClientStatus.Approved)));
    }

    [Fact]
    public async Task Filtered_by_an_account_type_the_clients_in_a_status_come_from_their_kept_account_types()
    {
        var today = Today(app);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        // Finland: X approved with a Standard account, then restricted and closed; Y approved without an account and closed; Z waits for documents.
        var x = await RegisterAsync(app, "FI");
        var y = await RegisterAsync(app, "FI");
        var z = await RegisterAsync(app, "FI");
        await ApproveAsync(app, x);
        await ApproveAsync(app, y);
        Must.Succeed(await app.SendAs("support", new OpenTradingAccount(x, typeId, "USD")));
        await ClientBook.SyncAsync(app);
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(z, "Application complete")));
        Must.Succeed(await app.SendAs("compliance", new RequestClientDocuments(z, "Proof of address missing")));
        Assert.Equal([(typeId, ClientStatus.Approved)], await KeptAsync(x));
        var approvedAt = (await ClientBook.ClientAsync(app, x)).ApprovedAt;
        Assert.NotNull(approvedAt);
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(x, RestrictionCategory.ComplianceHold, "Source of funds check")));
        Assert.Equal([(typeId, ClientStatus.Restricted)], await KeptAsync(x));
        // Approved again after the restriction: the first approval stays the one that counts.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var lift = await app.SendAs("compliance", new LiftClientRestriction(x, "Source of funds confirmed"));
        Must.Succeed(await app.SendAs("compliance2", new ApprovePendingOperation(lift.PendingOperationId!.Value, "ok")));
        Assert.Equal([(typeId, ClientStatus.Approved)], await KeptAsync(x));
        Assert.Equal(approvedAt, (await ClientBook.ClientAsync(app, x)).ApprovedAt);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Must.Succeed(await app.SendAs("compliance", new CloseClient(x, "Client asked to leave")));
        Must.Succeed(await app.SendAs("compliance", new CloseClient(y, "Client asked to leave")));
        Assert.Equal([(typeId, ClientStatus.Closed)], await KeptAsync(x));
        Assert.Empty(await KeptAsync(y));

        var standard = await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, AccountType: "Standard", Country: "FI"));
        Assert.Equal(1L, standard.Value("Closed accounts"));
        Assert.Equal((await ClientBook.ClientAsync(app, x)).DisplayName, standard.Table("closed").Rows.Single()[1]);
        Assert.Equal(0L, standard.Value("Pending additional documents"));
        Assert.Empty(standard.Table("pending-documents").Rows);
        // The account type alone reads the type's clients from the kept rows; with a country, the country's clients are tested.
        var typeOnly = await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, AccountType: "Standard"));
        var closedNames = typeOnly.Table("closed").Rows.Select(r => r[1]).ToList();
        Assert.Contains((await ClientBook.ClientAsync(app, x)).DisplayName, closedNames);
        Assert.DoesNotContain((await ClientBook.ClientAsync(app, y)).DisplayName, closedNames);
        Assert.Equal((long)typeOnly.Value("Closed accounts")!, closedNames.Count);
        Assert.Equal(0L, typeOnly.Value("Pending additional documents"));
        var any = await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, Country: "FI"));
        Assert.Equal((2L, 2), ((long)any.Value("Approvals")!, any.Table("approvals").Rows.Count));
        Assert.Equal((2L, 2), ((long)any.Value("Closed accounts")!, any.Table("closed").Rows.Count));
        Assert.Equal((await ClientBook.ClientAsync(app, z)).DisplayName, any.Table("pending-documents").Rows.Single()[1]);

        // What the commands kept is what counting from scratch gives.
        var kept = await app.Db(db => db.ClientAccountTypes.AsNoTracking().OrderBy(k => k.ClientId).ThenBy(k => k.AccountTypeId).ToListAsync());
        await app.Db(async db => { await ClientAccountTypes.RebuildAsync(db, default); return 0; });
        var counted = await app.Db(db => db.ClientAccountTypes.AsNoTracking().OrderBy(k => k.ClientId).ThenBy(k => k.AccountTypeId).ToListAsync());
        Assert.Equal(counted.Select(k => (k.ClientId, k.AccountTypeId, k.Status, k.StatusChangedAt)), kept.Select(k => (k.ClientId, k.AccountTypeId, k.Status, k.StatusChangedAt)));
    }

    private async Task<List<(int, ClientStatus)>> KeptAsync(long clientId) =>
        [.. (await app.Db(db => db.ClientAccountTypes.AsNoTracking().Where(k => k.ClientId == clientId).OrderBy(k => k.AccountTypeId)
            .Select(k => new { k.AccountTypeId, k.Status }).ToListAsync())).Select(k => (k.AccountTypeId, k.Status))];
}
