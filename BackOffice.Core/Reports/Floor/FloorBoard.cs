using System.Text.RegularExpressions;
using BackOffice.Core.Accounts;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Reconciliation;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Kyc;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Operations;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Staff.Access;
using BackOffice.Core.Staff.FourEyes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Reports.Floor;

/// <summary>
/// Computes the live floor. The queues and four-eyes operations are read once for everyone; today's money once per time zone;
/// the alert stream is cut to the kinds each viewer may see. Screens that see the same get the same snapshot, so one read
/// serves every open floor.
/// </summary>
public sealed partial class FloorBoard(BackOfficeDb db, StaffAccess access, LiveOperations live, TimeProvider clock,
    IOptions<ReportsOptions> reports, IOptions<FundsOptions> funds, IOptions<KycOptions> kyc)
{
    public const string Compliance = "Compliance";
    public const string Funds = "Funds";
    public const string Partners = "Partners";
    public const string Operations = "Operations";

    /// <summary>A queue of the floor: its live counter, its module, where its items' waiting starts, and the service level its module sets, if any.</summary>
    private sealed record Source(string Counter, string Module, IQueryable<DateTime> Since, int? ModuleSlaHours = null);

    private IEnumerable<Source> Sources(DateTime now)
    {
        var review = kyc.Value.ReviewSlaHours;
        int Stage(string stage) => (int)funds.Value.SlaFor(stage).TotalHours;
        IQueryable<DateTime> Waiting(ApprovalLevel approved) => db.Withdrawals
            .Where(w => w.Status == WithdrawalStatus.PendingApproval && w.ApprovedLevel == approved).Select(w => w.WaitingSince);

        yield return new(KycCounters.Queue, Compliance, db.KycCases.Where(c => c.QueuedSince != null).Select(c => c.QueuedSince!.Value), review);
        yield return new(KycCounters.DocumentsToReview, Compliance,
            db.KycDocuments.Where(d => d.Status == DocumentStatus.Submitted).Select(d => d.UploadedAt), review);
        yield return new(AccountsCounters.PendingDocuments, Compliance,
            db.Clients.Where(c => c.Status == ClientStatus.PendingDocuments).Select(c => c.StatusChangedAt));
        yield return new(KycCounters.EddOpen, Compliance, db.EddCases.Where(e => e.Status == EddStatus.Open).Select(e => e.OpenedAt),
            reports.Value.EddDueDays * 24);
        yield return new(KycCounters.ScreeningHits, Compliance,
            db.ScreeningHits.Where(h => h.Status == ScreeningHitStatus.Open).Select(h => h.RaisedAt));
        yield return new(KycCounters.AmlAlerts, Compliance,
            db.AmlAlerts.Where(a => a.Status == AmlAlertStatus.Open || a.Status == AmlAlertStatus.Investigating).Select(a => a.RaisedAt));

        yield return new(FundsCounters.DepositsToConfirm, Funds,
            db.Deposits.Where(d => d.Status == DepositStatus.AwaitingConfirmation).Select(d => d.PaidAt ?? d.CreatedAt));
        yield return new(FundsCounters.DepositsInReview, Funds,
            db.Deposits.Where(d => d.Status == DepositStatus.ManualReview).Select(d => d.PaidAt ?? d.CreatedAt));
        yield return new(FundsCounters.ReconciliationBreaks, Funds,
            from b in db.ReconciliationBreaks
            where b.Status == BreakStatus.Open
            join i in db.StatementImports on b.ImportId equals i.Id
            select i.ImportedAt);
        yield return new(WithdrawalCounters.PendingL1, Funds, Waiting(ApprovalLevel.Automatic), Stage("L1"));
        yield return new(WithdrawalCounters.PendingL2, Funds, Waiting(ApprovalLevel.L1), Stage("L2"));
        yield return new(WithdrawalCounters.PendingL3, Funds, Waiting(ApprovalLevel.L2), Stage("L3"));
        yield return new(WithdrawalCounters.AwaitingPayout, Funds,
            db.Withdrawals.Where(w => w.Status == WithdrawalStatus.Approved).Select(w => w.WaitingSince), Stage("Payout"));

        yield return new(PartnerCounters.RunsAwaitingApproval, Partners,
            db.CommissionRuns.Where(r => r.Status == CommissionRunStatus.Computed && r.LineCount > 0).Select(r => r.ComputedAt ?? r.StartedAt));
        yield return new(PartnerCounters.OpenDisputes, Partners,
            db.CommissionDisputes.Where(d => d.Status == DisputeStatus.Open).Select(d => d.OpenedAt));

        yield return new(SpineCounters.PendingOperations, Operations,
            db.PendingOperations.Where(o => o.Status == PendingOperationStatus.Pending && o.ExpiresAt > now).Select(o => o.CreatedAt));
        yield return new(SpineCounters.OpenAlerts, Operations, db.Alerts.Where(a => a.Status != AlertStatus.Resolved).Select(a => a.RaisedAt));
    }

    /// <summary>A staff member looking at the floor: whose day is "today", and which kinds of alert they may read.</summary>
    private sealed record Viewer(string StaffId, TimeZoneInfo Zone, string[] AlertPermissions)
    {
        public string Sees => Zone.Id + "|" + string.Join(',', AlertPermissions);
    }

    /// <summary>The floor of each staff member named (disabled or unknown ones are left out), grouped by what they see.</summary>
    public async Task<IReadOnlyList<(IReadOnlyList<string> StaffIds, FloorSnapshot Snapshot)>> ForStaffAsync(IReadOnlyCollection<string> staffIds,
        CancellationToken ct)
    {
        var ids = staffIds.Distinct().ToList();
        var zones = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.TimeZone }).ToListAsync(ct);
        var viewers = new List<Viewer>();
        foreach (var user in zones)
        {
            if (await access.GetPermissionsAsync(user.Id, ct) is not { } held) continue;
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(user.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc;
            viewers.Add(new Viewer(user.Id, zone, [.. AlertKinds.AudiencePermissions.Where(held.Contains)]));
        }
        if (viewers.Count == 0) return [];

        var now = clock.GetUtcNow().UtcDateTime;
        var settings = reports.Value.Floor;
        var queues = await QueuesAsync(now, settings, ct);
        var fourEyes = await FourEyesAsync(now, ct);
        var recent = await db.Alerts.AsNoTracking().OrderByDescending(a => a.RaisedAt).Take(settings.AlertCount * 4)
            .Select(a => new FloorAlert(a.Id, a.Kind, a.Severity, a.Message, a.RaisedAt, a.Status)).ToListAsync(ct);

        var today = new Dictionary<string, FloorToday>();
        var snapshots = new List<(IReadOnlyList<string>, FloorSnapshot)>();
        foreach (var group in viewers.GroupBy(v => v.Sees))
        {
            var first = group.First();
            if (!today.TryGetValue(first.Zone.Id, out var money))
                today[first.Zone.Id] = money = await TodayAsync(first.Zone, now, ct);
            var alerts = recent.Where(a => first.AlertPermissions.Contains(AlertKinds.PermissionFor(a.Kind))).Take(settings.AlertCount)
                .Select(a => a with { RaisedAtUtc = Utc(a.RaisedAtUtc) }).ToList();
            snapshots.Add(([.. group.Select(v => v.StaffId)], new FloorSnapshot(now, first.Zone.Id, queues, money, fourEyes, alerts)));
        }
        return snapshots;
    }

    /// <summary>One waiting item of the floor: its queue (its place among the sources), since when it waits, and the latest start still within its queue's service level.</summary>
    private sealed class Waiting
    {
        public int Queue { get; init; }
        public DateTime Since { get; init; }
        public DateTime SlaCut { get; init; }
    }

    private async Task<List<FloorQueue>> QueuesAsync(DateTime now, FloorOptions settings, CancellationToken ct)
    {
        var sources = Sources(now).ToList();
        var slas = sources.Select(s => settings.SlaHours.TryGetValue(s.Counter, out var hours) ? hours : s.ModuleSlaHours ?? 24).ToArray();
        // One round trip for every queue: the waiting items of all queues in one UNION ALL, counted by queue and by age.
        var waiting = sources.Select((source, i) =>
        {
            var cut = now.AddHours(-slas[i]);
            return source.Since.Select(t => new Waiting { Queue = i, Since = t, SlaCut = cut });
        }).Aggregate((all, next) => all.Concat(next));
        DateTime oneHour = now.AddHours(-1), fourHours = now.AddHours(-4), aDay = now.AddHours(-24);
        var rows = await waiting.GroupBy(w => w.Queue).Select(g => new
        {
            Queue = g.Key,
            Count = g.Count(),
            UnderOneHour = g.Count(w => w.Since > oneHour),
            UnderFourHours = g.Count(w => w.Since > fourHours),
            UnderADay = g.Count(w => w.Since > aDay),
            Breached = g.Count(w => w.Since < w.SlaCut),
            Oldest = g.Min(w => w.Since),
        }).ToDictionaryAsync(r => r.Queue, ct);

        return [.. sources.Select((source, i) =>
        {
            var counter = live.Find(source.Counter) ?? throw new InvalidOperationException($"The floor's queue {source.Counter} has no live counter.");
            if (!rows.TryGetValue(i, out var row))
                return new FloorQueue(counter.Name, source.Module, counter.Label, counter.Link, counter.Permission, 0, new FloorAges(0, 0, 0, 0), slas[i], 0, null);
            var ages = new FloorAges(row.UnderOneHour, row.UnderFourHours - row.UnderOneHour, row.UnderADay - row.UnderFourHours, row.Count - row.UnderADay);
            return new FloorQueue(counter.Name, source.Module, counter.Label, counter.Link, counter.Permission, row.Count, ages, slas[i], row.Breached,
                Utc(row.Oldest));
        })];
    }

    private async Task<IReadOnlyList<FloorFourEyes>> FourEyesAsync(DateTime now, CancellationToken ct)
    {
        var waiting = await db.PendingOperations.AsNoTracking()
            .Where(o => o.Status == PendingOperationStatus.Pending && o.ExpiresAt > now)
            .GroupBy(o => o.CommandType)
            .Select(g => new { Type = g.Key, Count = g.Count(), Oldest = g.Min(o => o.CreatedAt), Expiry = g.Min(o => o.ExpiresAt) })
            .ToListAsync(ct);
        return [.. waiting.Select(w => new FloorFourEyes(OperationName(w.Type), w.Count, Utc(w.Oldest), Utc(w.Expiry)))
            .OrderBy(w => w.OldestSinceUtc)];
    }

    private async Task<FloorToday> TodayAsync(TimeZoneInfo zone, DateTime now, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        DateTime from = ReportScope.StartOf(day, zone), to = ReportScope.StartOf(day.AddDays(1), zone);
        // One round trip: credited deposits, paid withdrawals and refunds of the day, summed by kind and currency.
        var moves = db.Deposits.Where(d => d.CreditedAt >= from && d.CreditedAt < to)
            .Select(d => new Move { Kind = MoveKind.Deposit, Currency = d.Currency, Minor = d.PaidMinor ?? d.AmountMinor })
            .Concat(db.Withdrawals.Where(w => w.Status == WithdrawalStatus.Paid && w.PaidAt >= from && w.PaidAt < to)
                .Select(w => new Move { Kind = MoveKind.Withdrawal, Currency = w.Currency, Minor = w.AmountMinor }))
            .Concat(db.Deposits.Where(d => d.Status == DepositStatus.Refunded && d.DecidedAt >= from && d.DecidedAt < to)
                .Select(d => new Move { Kind = MoveKind.Refund, Currency = d.Currency, Minor = d.PaidMinor ?? d.AmountMinor }));
        var totals = await moves.GroupBy(m => new { m.Kind, m.Currency })
            .Select(g => new Sum(g.Key.Kind, g.Key.Currency, g.Count(), g.Sum(m => m.Minor))).ToListAsync(ct);
        List<Sum> credited = [.. totals.Where(x => x.Kind == MoveKind.Deposit)], paid = [.. totals.Where(x => x.Kind == MoveKind.Withdrawal)],
            refunded = [.. totals.Where(x => x.Kind == MoveKind.Refund)];

        static long Of(List<Sum> sums, string currency) => sums.FirstOrDefault(s => s.Currency == currency)?.Minor ?? 0;
        decimal Usd(List<Sum> sums) => sums.Sum(s => Math.Round(funds.Value.UsdValue(new Money(s.Minor, s.Currency)), 2));
        var currencies = credited.Concat(paid).Concat(refunded).Select(s => s.Currency).Distinct().Order()
            .Select(c => new FloorCurrency(c, Of(credited, c), Of(paid, c), Of(refunded, c))).ToList();
        return new FloorToday(day, credited.Sum(s => s.Count), paid.Sum(s => s.Count), refunded.Sum(s => s.Count),
            Usd(credited), Usd(paid), Usd(refunded), currencies);
    }

    private enum MoveKind
    {
        Deposit,
        Withdrawal,
        Refund,
    }

    private sealed class Move
    {
        public MoveKind Kind { get; init; }
        public string Currency { get; init; } = "";
        public long Minor { get; init; }
    }

    private sealed record Sum(MoveKind Kind, string Currency, int Count, long Minor);

    /// <summary>"BackOffice.Core.Staff.Roles.ChangeRolePermissions, BackOffice.Core, …" → "Change role permissions".</summary>
    public static string OperationName(string commandType)
    {
        var name = commandType.Split(',')[0];
        name = name[(name.LastIndexOf('.') + 1)..];
        var words = WordStart().Replace(name, " $1").Trim();
        return words.Length == 0 ? commandType : words[0] + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();

    // SQLite hands stored times back without their kind; they were written in UTC.
    private static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
