using BackOffice.Core.Accounts;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Operations;
using BackOffice.Core.Webhooks;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Audit;
using BackOffice.Infrastructure.Excel;

namespace BackOffice.Web.Endpoints;

/// <summary>Excel downloads. Each grid's export runs the same query as the grid, with the grid's filters.</summary>
public static class ExportEndpoints
{
    private static readonly ExportColumn<AuditRow>[] AuditColumns =
    [
        new("Seq", r => r.Sequence, "0", 8),
        new("Time (UTC)", r => r.At, null, 20),
        new("Staff", r => r.ActorName, null, 18),
        new("Approved by", r => r.ApproverName, null, 18),
        new("Action", r => r.Action, null, 26),
        new("Entity", r => r.EntityType, null, 18),
        new("Entity id", r => r.EntityId, null, 38),
        new("Reason", r => r.Reason, null, 40),
        new("IP", r => r.Ip, null, 16),
        new("Correlation id", r => r.CorrelationId, null, 18),
        new("Before", r => r.Before, null, 50),
        new("After", r => r.After, null, 50),
        new("Hash", r => r.Hash, null, 66),
    ];

    private static readonly ExportColumn<StaffRow>[] StaffColumns =
    [
        new("User name", r => r.UserName, null, 16),
        new("Name", r => r.DisplayName, null, 22),
        new("E-mail", r => r.Email, null, 28),
        new("Roles", r => string.Join(", ", r.Roles), null, 30),
        new("Disabled", r => r.Disabled, null, 10),
        new("Two-factor", r => r.TwoFactorEnabled, null, 10),
        new("Locked out", r => r.LockedOut, null, 10),
        new("Last sign-in (UTC)", r => r.LastSignIn, null, 20),
    ];

    private static readonly ExportColumn<LoginEventRow>[] SignInColumns =
    [
        new("Time (UTC)", r => r.At, null, 20),
        new("User name", r => r.UserName, null, 18),
        new("Event", r => r.Kind.ToString(), null, 16),
        new("IP", r => r.Ip, null, 18),
        new("Browser", r => r.UserAgent, null, 60),
    ];

    private static readonly ExportColumn<Core.Kyc.Monitoring.AmlAlertRow>[] AmlAlertColumns =
    [
        new("Raised (UTC)", r => r.RaisedAt, null, 20),
        new("Client No.", r => r.ClientNumber, "0", 12),
        new("Client", r => r.ClientName, null, 26),
        new("Rule", r => r.RuleName, null, 26),
        new("Severity", r => r.Severity.ToString(), null, 10),
        new("What happened", r => r.Sentence, null, 70),
        new("Status", r => r.Status.ToString(), null, 18),
        new("Assignee", r => r.AssigneeName, null, 20),
        new("SAR reference", r => r.SarReference, null, 18),
        new("Notes", r => r.Notes, null, 60),
    ];

    private static readonly ExportColumn<Core.Partners.Commissions.StatementMovement>[] StatementColumns =
    [
        new("Posted (UTC)", m => m.At, "yyyy-mm-dd hh:mm:ss", 20),
        new("What", m => m.Description, null, 50),
        new("Reference", m => m.Reference, null, 14),
        new("Currency", m => m.Amount.Currency, null, 9),
        new("Amount", m => m.Amount.Amount, "#,##0.00", 14),
        new("Balance", m => m.Balance.Amount, "#,##0.00", 14),
    ];

    private static readonly ExportColumn<Core.Partners.Commissions.CommissionLineView>[] CommissionLineColumns =
    [
        new("Deal", l => l.Ticket, "0", 12),
        new("Closed (UTC)", l => l.DealTime, "yyyy-mm-dd hh:mm:ss", 20),
        new("Symbol", l => l.Symbol, null, 12),
        new("Client", l => l.ClientNumber, "0", 12),
        new("Partner", l => l.PartnerCode, null, 14),
        new("Level", l => l.Level, "0", 7),
        new("Rule", l => l.Kind.ToString(), null, 16),
        new("Closed lots", l => l.ClosedLots, "#,##0.00##", 12),
        new("Eligible lots", l => l.EligibleLots, "#,##0.00##", 12),
        new("Currency", l => l.Amount.Currency, null, 9),
        new("Amount", l => l.Amount.Amount, "#,##0.00", 14),
        new("Late deal", l => l.IsAdjustment ? "yes" : "", null, 9),
        new("Explanation", l => l.Explanation, null, 90),
    ];

    private static readonly ExportColumn<Core.Funds.Reconciliation.BreakRow>[] BreakColumns =
    [
        new("Date", r => r.Date.ToDateTime(TimeOnly.MinValue), "yyyy-mm-dd", 12),
        new("Channel", r => r.Channel, null, 14),
        new("Kind", r => Core.Funds.Reconciliation.BreakText.Describe(r.Kind), null, 16),
        new("Status", r => Core.Funds.Reconciliation.BreakText.Describe(r.Status), null, 16),
        new("Statement", r => r.FileName, null, 26),
        new("Line", r => r.LineNumber, "0", 8),
        new("Provider id", r => r.ProviderId, null, 24),
        new("Line reference", r => r.LineReference, null, 30),
        new("Payer", r => r.Payer, null, 24),
        new("Our reference", r => r.OurReference, null, 12),
        new("Currency", r => r.Difference.Currency, null, 9),
        new("Statement amount", r => r.Theirs?.Amount, "#,##0.00######", 16),
        new("Our amount", r => r.Ours?.Amount, "#,##0.00######", 16),
        new("Difference", r => r.Difference.Amount, "#,##0.00######", 14),
        new("Detail", r => r.Detail, null, 50),
        new("Resolution", r => r.Resolution, null, 50),
        new("Resolved by", r => r.ResolvedBy, null, 16),
        new("Resolved (UTC)", r => r.ResolvedAt, null, 20),
    ];

    private static readonly ExportColumn<Core.Funds.Deposits.DepositRow>[] DepositColumns =
    [
        new("Reference", r => r.Reference, null, 12),
        new("Started (UTC)", r => r.CreatedAt, null, 20),
        new("Client No.", r => r.ClientNumber, "0", 12),
        new("Client", r => r.ClientName, null, 26),
        new("Login", r => r.Login, "0", 12),
        new("Channel", r => r.Channel, null, 14),
        new("Currency", r => r.Amount.Currency, null, 9),
        new("Amount", r => r.Amount.Amount, "#,##0.00######", 14),
        new("Paid", r => r.Paid?.Amount, "#,##0.00######", 14),
        new("Fee", r => r.Fee.Amount, "#,##0.00######", 10),
        new("Status", r => r.Status.ToString(), null, 20),
        new("Review", r => r.ReviewNote, null, 50),
        new("Payer", r => r.PayerName, null, 24),
        new("Payer match", r => r.PayerMatch, "0.00", 11),
        new("Provider order", r => r.ProviderOrderId, null, 30),
        new("Failure", r => r.FailureCode, null, 18),
        new("Started by", r => r.RequestedBy, null, 20),
        new("Decided by", r => r.DecidedBy, null, 20),
        new("Credited (UTC)", r => r.CreditedAt, null, 20),
        new("Platform", r => r.PlatformStatus?.ToString(), null, 10),
        new("Platform deal", r => r.PlatformTicket, "0", 14),
    ];

    private static readonly ExportColumn<Core.Funds.Withdrawals.WithdrawalRow>[] WithdrawalColumns =
    [
        new("Reference", r => r.Reference, null, 12),
        new("Requested (UTC)", r => r.CreatedAt, null, 20),
        new("Client No.", r => r.ClientNumber, "0", 12),
        new("Client", r => r.ClientName, null, 26),
        new("Login", r => r.Login, "0", 12),
        new("Method", r => r.Channel, null, 14),
        new("Destination", r => r.Destination, null, 28),
        new("Currency", r => r.Amount.Currency, null, 9),
        new("Amount", r => r.Amount.Amount, "#,##0.00######", 14),
        new("USD value", r => r.AmountUsd, "#,##0.00", 12),
        new("Level", r => r.RequiredLevel.ToString(), null, 10),
        new("Status", r => r.StatusText, null, 24),
        new("Waiting since (UTC)", r => r.WaitingSince, null, 20),
        new("SLA breached", r => r.SlaBreached ? "yes" : "", null, 10),
        new("Approvals", r => string.Join("; ", r.Approvals.Select(a => $"{a.Level} {a.StaffName}")), null, 30),
        new("Requested by", r => r.RequestedBy, null, 20),
        new("Reason", r => r.Reason, null, 40),
        new("Payout / voucher", r => r.VoucherReference ?? r.PayoutId, null, 24),
        new("Paid (UTC)", r => r.PaidAt, null, 20),
    ];

    private static readonly ExportColumn<Core.Kyc.Screening.ScreeningHitRow>[] ScreeningHitColumns =
    [
        new("Raised (UTC)", r => r.RaisedAt, null, 20),
        new("Client No.", r => r.ClientNumber, "0", 12),
        new("Client", r => r.ClientName, null, 26),
        new("Screened name", r => r.SubjectName, null, 26),
        new("Born", r => r.SubjectBirthDate?.ToString("yyyy-MM-dd"), null, 12),
        new("List", r => r.ListName, null, 14),
        new("Entry id", r => r.ExternalId, null, 14),
        new("Entry", r => r.EntryName, null, 30),
        new("PEP", r => r.EntryIsPep, null, 6),
        new("Matched name", r => r.MatchedName, null, 30),
        new("Score", r => r.Score, "0.00", 8),
        new("Agrees", r => r.Matched.ToString(), null, 20),
        new("Differs", r => r.Contradicted.ToString(), null, 20),
        new("Status", r => r.Status.ToString(), null, 14),
        new("Decided by", r => r.DecidedBy, null, 20),
        new("Decision", r => r.DecisionNote, null, 50),
    ];

    private static readonly ExportColumn<AlertRow>[] AlertColumns =
    [
        new("Raised (UTC)", r => r.RaisedAt, null, 20),
        new("Kind", r => r.Kind, null, 24),
        new("Severity", r => r.Severity.ToString(), null, 10),
        new("Status", r => r.Status.ToString(), null, 14),
        new("Message", r => r.Message, null, 60),
        new("Entity", r => r.EntityType, null, 16),
        new("Entity id", r => r.EntityId, null, 38),
        new("Acknowledged by", r => r.AcknowledgedBy, null, 16),
        new("Resolved by", r => r.ResolvedBy, null, 16),
        new("Resolution", r => r.Resolution, null, 40),
    ];

    private static readonly ExportColumn<DeliveryRow>[] DeliveryColumns =
    [
        new("Created (UTC)", r => r.CreatedAt, null, 20),
        new("Event", r => r.EventType, null, 18),
        new("Event id", r => r.EventId.ToString(), null, 38),
        new("Subscriber", r => r.Subscriber, null, 18),
        new("Status", r => r.Status.ToString(), null, 14),
        new("Attempts", r => r.Attempts, "0", 9),
        new("Next attempt (UTC)", r => r.NextAttemptAt, null, 20),
        new("Delivered (UTC)", r => r.DeliveredAt, null, 20),
        new("Last HTTP status", r => r.LastStatusCode, "0", 10),
        new("Last error", r => r.LastError, null, 40),
    ];

    private static readonly ExportColumn<ClientRow>[] ClientColumns =
    [
        new("Number", r => r.Number, "0", 10),
        new("Name", r => r.Name, null, 28),
        new("Kind", r => r.Kind.ToString(), null, 11),
        new("Status", r => r.Status.ToString(), null, 16),
        new("Country", r => r.Country, null, 8),
        new("Region", r => r.Region, null, 14),
        new("E-mail", r => r.Email, null, 30),
        new("Phone", r => r.Phone, null, 18),
        new("Manager", r => r.ManagerName, null, 18),
        new("Sales stage", r => r.SalesStage, null, 12),
        new("Tags", r => r.Tags, null, 24),
        new("Registered (UTC)", r => r.RegisteredAt, null, 20),
    ];

    private static readonly Dictionary<string, string> NoFilters = [];

    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/audit", async (DateTime? from, DateTime? to, string? staff, string? action, string? entity,
            HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
        {
            var filter = new AuditFilter(from, to, staff, action, entity);
            var page = await sender.QueryAsync(new AuditTrail(filter, 0, int.MaxValue), ct);
            await SendAsync(http, export, "Audit trail", "audit", AuditColumns, page.Items, Filters(filter), ct);
        }).RequireAuthorization(StaffPermissions.ViewAudit, StaffPermissions.ExportReports);

        app.MapGet("/export/clients", async (HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
        {
            var filter = ClientFilterFrom(http.Request);
            var rows = await ClientRowsAsync(sender, filter, ct);
            await SendAsync(http, export, "Clients", "clients", ClientColumns, rows, Filters(filter, rows.Count), ct);
        }).RequireAuthorization(AccountsPermissions.View, StaffPermissions.ExportReports);

        app.MapGet("/export/staff", async (HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "Staff", "staff", StaffColumns, await sender.QueryAsync(new StaffList(), ct), NoFilters, ct))
            .RequireAuthorization(StaffPermissions.ManageStaff, StaffPermissions.ExportReports);

        app.MapGet("/export/sign-ins", async (int? take, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "Sign-in events", "sign-ins", SignInColumns,
                await sender.QueryAsync(new LoginEvents(Math.Clamp(take ?? 500, 1, 100_000)), ct), NoFilters, ct))
            .RequireAuthorization(StaffPermissions.ViewSecurity, StaffPermissions.ExportReports);

        app.MapGet("/export/alerts", async (bool? includeResolved, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "Alerts", "alerts", AlertColumns, await sender.QueryAsync(new AlertList(includeResolved ?? false), ct),
                new Dictionary<string, string> { ["Resolved included"] = includeResolved == true ? "Yes" : "No" }, ct))
            .RequireAuthorization(OperationsPermissions.ViewAlerts, StaffPermissions.ExportReports);

        app.MapGet("/export/aml-alerts", async (bool? includeClosed, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "AML alerts", "aml-alerts", AmlAlertColumns,
                await sender.QueryAsync(new Core.Kyc.Monitoring.AmlAlertQueue(includeClosed ?? false, Take: 1000), ct),
                new Dictionary<string, string> { ["Closed included"] = includeClosed == true ? "Yes" : "No" }, ct))
            .RequireAuthorization(Core.Kyc.KycPermissions.Aml, StaffPermissions.ExportReports);

        app.MapGet("/export/deposits", async (Core.Funds.Deposits.DepositView? view, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "Deposits", "deposits", DepositColumns,
                (await sender.QueryAsync(new Core.Funds.Deposits.DepositQueue(view ?? Core.Funds.Deposits.DepositView.All, Take: 500), ct)).Items,
                new Dictionary<string, string> { ["View"] = (view ?? Core.Funds.Deposits.DepositView.All).ToString() }, ct))
            .RequireAuthorization(Core.Funds.FundsPermissions.View, StaffPermissions.ExportReports);

        app.MapGet("/export/withdrawals", async (Core.Funds.Withdrawals.WithdrawalView? view, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "Withdrawals", "withdrawals", WithdrawalColumns,
                (await sender.QueryAsync(new Core.Funds.Withdrawals.WithdrawalQueue(view ?? Core.Funds.Withdrawals.WithdrawalView.All, Take: 500), ct)).Items,
                new Dictionary<string, string> { ["View"] = (view ?? Core.Funds.Withdrawals.WithdrawalView.All).ToString() }, ct))
            .RequireAuthorization(Core.Funds.FundsPermissions.View, StaffPermissions.ExportReports);

        app.MapGet("/export/reconciliation", async (Core.Funds.Reconciliation.BreakView? view, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "Reconciliation breaks", "reconciliation", BreakColumns,
                (await sender.QueryAsync(new Core.Funds.Reconciliation.ReconciliationQueue(view ?? Core.Funds.Reconciliation.BreakView.Open, Take: 500), ct)).Items,
                new Dictionary<string, string> { ["View"] = (view ?? Core.Funds.Reconciliation.BreakView.Open).ToString() }, ct))
            .RequireAuthorization(Core.Funds.FundsPermissions.View, StaffPermissions.ExportReports);

        app.MapGet("/export/commission-lines", async (long run, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, $"Commission run {run}", $"commission-run-{run}", CommissionLineColumns,
                (await sender.QueryAsync(new Core.Partners.Commissions.CommissionRunLines(run, null, 0, ExportService.FormattedRowLimit), ct)).Items,
                new Dictionary<string, string> { ["Run"] = run.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct))
            .RequireAuthorization(Core.Partners.PartnerPermissions.View, StaffPermissions.ExportReports);

        app.MapGet("/export/partner-statement", async (long partner, DateTime from, DateTime to, HttpContext http, CommandSender sender, ExportService export,
                CancellationToken ct) =>
        {
            var (start, end) = (from.ToUniversalTime(), to.ToUniversalTime());
            if (await sender.QueryAsync(new Core.Partners.Commissions.PartnerStatement(partner, start, end), ct) is not { } statement)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await SendAsync(http, export, $"Commission statement {statement.PartnerCode}", $"statement-{statement.PartnerCode}", StatementColumns,
                statement.Movements, new Dictionary<string, string>
                {
                    ["Partner"] = $"{statement.PartnerCode} ({statement.PartnerName})", ["From (UTC)"] = $"{start:yyyy-MM-dd HH:mm}", ["To (UTC)"] = $"{end:yyyy-MM-dd HH:mm}",
                    ["Opening balance"] = statement.Opening.ToString(), ["Closing balance"] = statement.Closing.ToString(),
                }, ct);
        }).RequireAuthorization(Core.Partners.PartnerPermissions.View, StaffPermissions.ExportReports);

        app.MapGet("/export/screening-hits", async (bool? decided, Core.Kyc.Screening.HitListKind? kind, HttpContext http, CommandSender sender,
                ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "Screening hits", "screening-hits", ScreeningHitColumns,
                (await sender.QueryAsync(new Core.Kyc.Screening.ScreeningHitsQueue(decided ?? false, kind ?? Core.Kyc.Screening.HitListKind.All, Take: 500), ct)).Items,
                new Dictionary<string, string> { ["Hits"] = decided == true ? "Decided" : "To decide", ["Lists"] = (kind ?? Core.Kyc.Screening.HitListKind.All).ToString() },
                ct))
            .RequireAuthorization(Core.Kyc.KycPermissions.View, StaffPermissions.ExportReports);

        app.MapGet("/export/webhook-deliveries", async (OutboxStatus? status, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            await SendAsync(http, export, "Webhook deliveries", "webhook-deliveries", DeliveryColumns, await sender.QueryAsync(new DeliveryLog(status), ct),
                status is null ? NoFilters : new Dictionary<string, string> { ["Status"] = status.Value.ToString() }, ct))
            .RequireAuthorization(WebhookPermissions.Manage, StaffPermissions.ExportReports);
    }

    /// <summary>The grid's filters and sort, read from the query string the grid built.</summary>
    private static ClientFilter ClientFilterFrom(HttpRequest r)
    {
        string? S(string key) => r.Query[key].ToString() is { Length: > 0 } v ? v : null;
        return new ClientFilter
        {
            Status = Enum.TryParse<ClientStatus>(S("status"), out var status) ? status : null,
            AccountTypeId = int.TryParse(S("accountTypeId"), out var type) ? type : null,
            Region = S("region"),
            Country = S("country"),
            ManagerId = S("managerId"),
            SalesStage = S("salesStage"),
            Tag = S("tag"),
            RegisteredFrom = DateTime.TryParse(S("from"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var from) ? from : null,
            RegisteredTo = DateTime.TryParse(S("to"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var to) ? to : null,
        };
    }

    private static async Task<List<ClientRow>> ClientRowsAsync(CommandSender sender, ClientFilter filter, CancellationToken ct)
    {
        var rows = new List<ClientRow>();
        while (rows.Count < ClientGrid.ExportLimit)
        {
            var page = await sender.QueryAsync(new ClientGrid(filter, rows.Count, ClientGrid.ExportChunk), ct);
            rows.AddRange(page.Items);
            if (page.Items.Count < ClientGrid.ExportChunk) break;
        }
        return rows;
    }

    private static Dictionary<string, string> Filters(ClientFilter f, int rows)
    {
        var d = new Dictionary<string, string>();
        if (f.Status is { } s) d["Status"] = s.ToString();
        if (f.AccountTypeId is { } t) d["Account type id"] = t.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (f.Region is { } region) d["Region"] = region;
        if (f.Country is { } country) d["Country"] = country;
        if (f.ManagerId is { } manager) d["Manager id"] = manager;
        if (f.SalesStage is { } stage) d["Sales stage"] = stage;
        if (f.Tag is { } tag) d["Tag"] = tag;
        if (f.RegisteredFrom is { } from) d["Registered from (UTC)"] = from.ToString("u");
        if (f.RegisteredTo is { } to) d["Registered before (UTC)"] = to.ToString("u");
        if (rows >= ClientGrid.ExportLimit) d["Note"] = $"Only the first {ClientGrid.ExportLimit:N0} clients are exported; narrow the filters for the rest.";
        return d;
    }

    /// <summary>Writes the workbook to a buffer first, so a failure is an error response rather than a truncated file.</summary>
    private static async Task SendAsync<T>(HttpContext http, ExportService export, string title, string fileName, IReadOnlyList<ExportColumn<T>> columns,
        IReadOnlyList<T> rows, IReadOnlyDictionary<string, string> filters, CancellationToken ct)
    {
        await using var buffer = new MemoryStream();
        await export.WriteAsync(buffer, title, columns, rows, rows.Count, filters, ct);
        http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}-{DateTime.UtcNow:yyyyMMdd-HHmm}.xlsx\"";
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, ct);
    }

    private static Dictionary<string, string> Filters(AuditFilter f)
    {
        var d = new Dictionary<string, string>();
        if (f.FromUtc is { } from) d["From (UTC)"] = from.ToString("u");
        if (f.ToUtc is { } to) d["To (UTC)"] = to.ToString("u");
        if (!string.IsNullOrWhiteSpace(f.Staff)) d["Staff"] = f.Staff;
        if (!string.IsNullOrWhiteSpace(f.Action)) d["Action"] = f.Action;
        if (!string.IsNullOrWhiteSpace(f.Entity)) d["Entity"] = f.Entity;
        return d;
    }
}
