using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Operations;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.FourEyes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Facts;

/// <summary>
/// Keeps the daily facts honest: in the transaction of every command, each day whose facts the command's changes alter is
/// marked stale (its version bumped), however long ago that day was — a deposit credited today for a client who registered
/// last year changes last year's "funded"; a client moved to another manager moves all their days. Reports then read those
/// days from the data until the refresher builds them again. A change to today touches nothing: today is never built.
/// </summary>
public sealed class ReportFactsInvalidation(BackOfficeDb db, Compliance.DocumentExpiryCounts documentExpiry, Compliance.ComplianceEntries compliance,
    Partners.PartnerClientCounts partnerClients, Accounts.ClientAccountTypes clientAccountTypes, ListEntries listEntries, IEnumerable<IFactFamily> families)
{
    private readonly HashSet<ReportKind> _monthly = [.. families.Where(f => f.KeepsMonths).Select(f => f.Family)];

    private static readonly string[] ClientFields = [nameof(Client.Status), nameof(Client.StatusChangedAt), nameof(Client.Country), nameof(Client.ManagerId), nameof(Client.RegisteredAt)];

    internal async Task InvalidateAsync(IEnumerable<EntityChange> changes, CancellationToken ct)
    {
        // Kept always, not only once days are built: the compliance report reads no document, case, hit or alert without them.
        await documentExpiry.KeepAsync(changes, ct);
        await compliance.KeepAsync(changes, ct);
        await partnerClients.KeepAsync(changes, ct);
        await clientAccountTypes.KeepAsync(changes, ct);
        await listEntries.KeepAsync(changes, ct);
        var accounts = new HashSet<DateTime>();
        var payments = new HashSet<DateTime>();
        var events = new HashSet<DateTime>();
        var permissions = new HashSet<DateTime>();
        var everyPermissionDay = false; // who counts as an administrator changed
        var clientDays = new HashSet<long>(); // every account-report day of these clients
        var clientMoney = new HashSet<long>(); // every payment-report day of these clients
        var registrations = new HashSet<long>(); // the registration day of these clients
        var partners = new HashSet<DateTime>();
        var runs = new List<CommissionRun>(); // every partner-report day of their lines
        var partnerClientDays = new HashSet<long>(); // every partner-report day since these clients were first attributed
        var complianceDays = new HashSet<DateTime>();
        var clientCompliance = new HashSet<long>(); // every compliance-report day of these clients' hits, alerts and due diligence
        foreach (var change in changes)
        {
            if (change.Entry is not { } entry) continue;
            switch (entry.Entity)
            {
                case Client client when Touches(change, ClientFields):
                    Both(change, nameof(Client.RegisteredAt), accounts);
                    Both(change, nameof(Client.StatusChangedAt), accounts);
                    if (change.State == "Modified" && Touches(change, nameof(Client.Country), nameof(Client.ManagerId)))
                    {
                        clientDays.Add(client.Id);
                        clientMoney.Add(client.Id);
                        partnerClientDays.Add(client.Id);
                        clientCompliance.Add(client.Id);
                    }
                    break;
                case ClientStatusChange move:
                    accounts.Add(move.At);
                    registrations.Add(move.ClientId);
                    break;
                case TradingAccount account when Touches(change, nameof(TradingAccount.AccountTypeId), nameof(TradingAccount.IsDemo), nameof(TradingAccount.ClientId)):
                    clientDays.Add(account.ClientId);
                    partnerClientDays.Add(account.ClientId);
                    clientCompliance.Add(account.ClientId);
                    if (change.Before?.GetValueOrDefault(nameof(TradingAccount.ClientId)) is long owner) clientCompliance.Add(owner);
                    break;
                case ScreeningHitRecord when Touches(change, nameof(ScreeningHitRecord.Status), nameof(ScreeningHitRecord.RaisedAt), nameof(ScreeningHitRecord.EntryIsPep),
                                                     nameof(ScreeningHitRecord.ClientId)):
                    Both(change, nameof(ScreeningHitRecord.RaisedAt), complianceDays);
                    break;
                case AmlAlert when Touches(change, nameof(AmlAlert.Status), nameof(AmlAlert.RaisedAt), nameof(AmlAlert.RuleCode), nameof(AmlAlert.ClientId)):
                    Both(change, nameof(AmlAlert.RaisedAt), complianceDays);
                    break;
                case EddCase when Touches(change, nameof(EddCase.Status), nameof(EddCase.OpenedAt), nameof(EddCase.ClientId)):
                    Both(change, nameof(EddCase.OpenedAt), complianceDays);
                    break;
                case ClientAttribution when Touches(change, nameof(ClientAttribution.From), nameof(ClientAttribution.PartnerId), nameof(ClientAttribution.ClientId),
                                                   nameof(ClientAttribution.Source)):
                    Both(change, nameof(ClientAttribution.From), partners);
                    break;
                case CommissionRun run when Touches(change, nameof(CommissionRun.Status))
                                            && (Counts(run.Status) || change.Before?.GetValueOrDefault(nameof(CommissionRun.Status)) is not CommissionRunStatus was || Counts(was)):
                    runs.Add(run);
                    break;
                case Deposit deposit:
                    Both(change, nameof(Deposit.CreatedAt), payments);
                    Both(change, nameof(Deposit.CreditedAt), payments);
                    Both(change, nameof(Deposit.DecidedAt), payments);
                    if (Touches(change, nameof(Deposit.CreditedAt)))
                        registrations.Add(deposit.ClientId); // "funded" of the client's registration day
                    break;
                case Withdrawal:
                    Both(change, nameof(Withdrawal.CreatedAt), payments);
                    Both(change, nameof(Withdrawal.PaidAt), payments);
                    break;
                case OperationalAlert:
                    Both(change, nameof(OperationalAlert.RaisedAt), events);
                    break;
                case PendingOperation:
                    Both(change, nameof(PendingOperation.CreatedAt), permissions);
                    break;
                case LoginEvent:
                    Both(change, nameof(LoginEvent.At), permissions);
                    break;
                case RolePermission or IdentityUserRole<string>:
                    everyPermissionDay = true;
                    break;
            }
        }
        if (accounts.Count + payments.Count + events.Count + permissions.Count + partners.Count + complianceDays.Count + clientDays.Count + clientMoney.Count
            + registrations.Count + runs.Count + partnerClientDays.Count + clientCompliance.Count == 0 && !everyPermissionDay)
            return;
        // Nothing to look up until the first day has been built (a new install, the tests). Marking a single instant costs
        // no more than asking, so only the lookups of a client's other days wait for the answer.
        if (clientDays.Count + clientMoney.Count + registrations.Count + runs.Count + partnerClientDays.Count + clientCompliance.Count > 0 || everyPermissionDay)
        {
            var built = await db.ReadAsync("report-facts.any", d =>
            {
                var (table, _) = AppendOnlyInsert.Names<ReportFactDay>(d);
                return $"SELECT 1 FROM {table} LIMIT 1";
            }, _ => true, ct);
            if (built.Count == 0) return;
        }

        foreach (var chunk in registrations.Concat(clientDays).Distinct().Chunk(1_000))
        {
            var found = await db.Clients.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.RegisteredAt, c.StatusChangedAt }).ToListAsync(ct);
            foreach (var c in found)
            {
                accounts.Add(c.RegisteredAt);
                if (clientDays.Contains(c.Id)) accounts.Add(c.StatusChangedAt);
            }
        }
        foreach (var chunk in clientDays.Chunk(1_000))
            accounts.UnionWith(await db.ClientStatusChanges.AsNoTracking().Where(h => chunk.Contains(h.ClientId) && h.To == ClientStatus.Approved).Select(h => h.At).ToListAsync(ct));
        foreach (var chunk in clientMoney.Chunk(1_000))
        {
            foreach (var d in await db.Deposits.AsNoTracking().Where(d => chunk.Contains(d.ClientId)).Select(d => new { d.CreatedAt, d.CreditedAt, d.DecidedAt }).ToListAsync(ct))
                payments.UnionWith(new[] { d.CreatedAt, d.CreditedAt, d.DecidedAt }.OfType<DateTime>());
            foreach (var w in await db.Withdrawals.AsNoTracking().Where(w => chunk.Contains(w.ClientId)).Select(w => new { w.CreatedAt, w.PaidAt }).ToListAsync(ct))
                payments.UnionWith(new[] { w.CreatedAt, w.PaidAt }.OfType<DateTime>());
        }
        foreach (var chunk in clientCompliance.Chunk(1_000))
        {
            complianceDays.UnionWith(await db.ScreeningHits.AsNoTracking().Where(h => chunk.Contains(h.ClientId)).Select(h => h.RaisedAt).ToListAsync(ct));
            complianceDays.UnionWith(await db.AmlAlerts.AsNoTracking().Where(a => chunk.Contains(a.ClientId)).Select(a => a.RaisedAt).ToListAsync(ct));
            complianceDays.UnionWith(await db.EddCases.AsNoTracking().Where(e => chunk.Contains(e.ClientId)).Select(e => e.OpenedAt).ToListAsync(ct));
        }
        await StaleAsync(ReportKind.Accounts, accounts, ct);
        await StaleAsync(ReportKind.Compliance, complianceDays, ct);
        await StaleAsync(ReportKind.Payments, payments, ct);
        await StaleAsync(ReportKind.Events, events, ct);
        await StaleAsync(ReportKind.Partners, partners, ct);
        foreach (var run in runs)
        {
            // Its lines are dated by their deals: its period, and late deals before it. A discarded run's lines are gone: every day before its end.
            var first = await BackOffice.Core.Partners.Commissions.CommissionLineStore.FirstAsync(db, run.Id, ct);
            await StaleBetweenAsync(ReportKind.Partners, first is null ? null : first < run.From ? first : run.From, run.To, ct);
        }
        foreach (var chunk in partnerClientDays.Chunk(1_000))
            if (await db.ClientAttributions.Where(a => chunk.Contains(a.ClientId)).MinAsync(a => (DateTime?)a.From, ct) is { } since)
                await StaleBetweenAsync(ReportKind.Partners, since, null, ct);
        if (everyPermissionDay)
            await db.ReportFactDays.Where(d => d.Family == ReportKind.Permissions).ExecuteUpdateAsync(u => u.SetProperty(d => d.Version, d => d.Version + 1), ct);
        else
            await StaleAsync(ReportKind.Permissions, permissions, ct);
    }

    /// <summary>Marks stale every built day (of every time zone) that holds one of the instants, and the month too where months are kept.</summary>
    public async Task StaleAsync(ReportKind family, IEnumerable<DateTime> instants, CancellationToken ct)
    {
        var longest = _monthly.Contains(family) ? TimeSpan.FromDays(32) : TimeSpan.FromHours(26);
        foreach (var at in instants.Select(i => DateTime.SpecifyKind(i, DateTimeKind.Utc)).Distinct())
        {
            // No day is longer than 25 hours, no month than 31 days and one: the index on (family, start) is read from that far
            // before. A fixed statement: most commands mark one instant, and EF's query pipeline would cost more than the update itself.
            await db.ExecuteAsync<ReportFactDay>("report-facts.stale", d =>
            {
                var (table, column) = AppendOnlyInsert.Names<ReportFactDay>(d);
                var version = column(nameof(ReportFactDay.Version));
                return $"UPDATE {table} SET {version} = {version} + 1 WHERE {column(nameof(ReportFactDay.Family))} = @p0 " +
                       $"AND {column(nameof(ReportFactDay.StartUtc))} > @p1 AND {column(nameof(ReportFactDay.StartUtc))} <= @p2 AND {column(nameof(ReportFactDay.EndUtc))} > @p3";
            }, ct, (nameof(ReportFactDay.Family), family), (nameof(ReportFactDay.StartUtc), at - longest),
                (nameof(ReportFactDay.StartUtc), at), (nameof(ReportFactDay.EndUtc), at));
        }
    }

    /// <summary>Marks stale every built day and month (of every time zone) that overlaps [<paramref name="fromUtc"/>, <paramref name="toUtc"/>]; null: no bound.</summary>
    public Task StaleBetweenAsync(ReportKind family, DateTime? fromUtc, DateTime? toUtc, CancellationToken ct)
    {
        var days = db.ReportFactDays.Where(d => d.Family == family);
        if (fromUtc is { } from) days = days.Where(d => d.EndUtc > from);
        if (toUtc is { } to) days = days.Where(d => d.StartUtc <= to);
        return days.ExecuteUpdateAsync(u => u.SetProperty(d => d.Version, d => d.Version + 1), ct);
    }

    private static bool Counts(CommissionRunStatus status) => status is CommissionRunStatus.Computed or CommissionRunStatus.Posted;

    /// <summary>
    /// Writes again, from the data, the kept rows of some keys (clients, partners), a statement per 500 keys. On PostgreSQL under
    /// an advisory lock, so two commands never write the same rows each without the other's uncommitted change (SQLite's write
    /// transaction already takes them one at a time).
    /// </summary>
    /// <param name="statement">The DELETE and INSERT for a list of keys, written into it: numbers the database gave, never anything an operator typed.</param>
    internal static async Task RewriteAsync(BackOfficeDb db, long lockKey, IEnumerable<long> keys, Func<string, string> statement, CancellationToken ct)
    {
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [lockKey], ct);
        foreach (var chunk in keys.Order().Chunk(500))
            await db.Database.ExecuteSqlRawAsync(statement(string.Join(", ", chunk.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)))), ct);
    }

    /// <summary>
    /// True when the row is new or gone, or one of the named properties changed. Read from what the command's saves recorded
    /// (not the tracker's state, which a save inside the handler has already reset).
    /// </summary>
    internal static bool Touches(EntityChange change, params string[] properties) =>
        change.State is not "Modified" || properties.Any(p => change.Before?.ContainsKey(p) == true || change.After?.ContainsKey(p) == true);

    /// <summary>A date property's value now, and before the command when the command changed it.</summary>
    private static void Both(EntityChange change, string property, HashSet<DateTime> into)
    {
        if (change.Entry!.Property(property).CurrentValue is DateTime now) into.Add(now);
        if (change.Before?.GetValueOrDefault(property) is DateTime before) into.Add(before);
    }
}
