using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Staff.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Funds.Withdrawals;

public enum WithdrawalView
{
    /// <summary>Waiting at a level I may approve, that I neither requested nor approved before.</summary>
    Mine,
    L1,
    L2,
    L3,

    /// <summary>Approved, waiting for the payout.</summary>
    Payout,
    Paid,

    /// <summary>Rejected, failed or cancelled.</summary>
    Closed,
    All,
}

public sealed record WithdrawalApprovalRow(ApprovalLevel Level, string StaffId, string StaffName, DateTime At);

public sealed record WithdrawalRow(
    long Id, string Reference, long ClientId, long ClientNumber, string ClientName, long Login, string Channel, ChannelKind ChannelKind,
    string Destination, DestinationKind DestinationKind, Money Amount, decimal AmountUsd, WithdrawalStatus Status, ApprovalLevel RequiredLevel,
    ApprovalLevel ApprovedLevel, DateTime CreatedAt, DateTime WaitingSince, bool SlaBreached, IReadOnlyList<WithdrawalApprovalRow> Approvals,
    IReadOnlyList<string> Checks, string RequestedBy, string? RequestedByStaffId, string? Reason, string? PayoutId, string? VoucherReference,
    string? DecidedBy, DateTime? PaidAt, string? PartnerCode = null)
{
    /// <summary>Where the money comes from, in words: "account 700123" or "commission of IB-7".</summary>
    public string Source => PartnerCode is { } code ? $"commission of {code}" : $"account {Login}";

    public ApprovalLevel NextLevel => ApprovedLevel + 1;

    public string StatusText => Status switch
    {
        WithdrawalStatus.PendingApproval => $"waiting for {NextLevel}",
        WithdrawalStatus.Approved => "approved, awaiting payout",
        _ => Status.ToString().ToLowerInvariant(),
    };
}

[RequiresPermission(FundsPermissions.View)]
public sealed record WithdrawalQueue(WithdrawalView View = WithdrawalView.Mine, long? ClientId = null, int Skip = 0, int Take = 50)
    : IBackOfficeQuery<Page<WithdrawalRow>>;

[RequiresPermission(FundsPermissions.View)]
public sealed record GetWithdrawal(long WithdrawalId) : IBackOfficeQuery<WithdrawalRow?>;

/// <summary>The withdrawal as the client portal shows it; null when it is not this client's.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record GetWithdrawalForClient(long ClientId, long WithdrawalId) : IBackOfficeQuery<WithdrawalRow?>;

public sealed record DestinationRow(long Id, DestinationKind Kind, string Label, string HolderName, DestinationStatus Status, string AddedBy, DateTime AddedAt,
    string? VerifiedBy, long ClientId, string ClientName);

/// <summary>A client's payout destinations, or every one waiting for verification when no client is named.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record PayoutDestinations(long? ClientId = null) : IBackOfficeQuery<IReadOnlyList<DestinationRow>>;

public sealed class WithdrawalQueryHandlers(BackOfficeDb db, CommandContext context, StaffAccess access, TimeProvider clock, IOptions<FundsOptions> options) :
    IQueryHandler<WithdrawalQueue, Page<WithdrawalRow>>, IQueryHandler<GetWithdrawal, WithdrawalRow?>, IQueryHandler<GetWithdrawalForClient, WithdrawalRow?>,
    IQueryHandler<PayoutDestinations, IReadOnlyList<DestinationRow>>
{
    public async ValueTask<Page<WithdrawalRow>> Handle(WithdrawalQueue query, CancellationToken ct)
    {
        var rows = db.Withdrawals.AsNoTracking();
        var pending = rows.Where(w => w.Status == WithdrawalStatus.PendingApproval);
        rows = query.View switch
        {
            WithdrawalView.L1 => pending.Where(w => w.ApprovedLevel == ApprovalLevel.Automatic),
            WithdrawalView.L2 => pending.Where(w => w.ApprovedLevel == ApprovalLevel.L1),
            WithdrawalView.L3 => pending.Where(w => w.ApprovedLevel == ApprovalLevel.L2),
            WithdrawalView.Payout => rows.Where(w => w.Status == WithdrawalStatus.Approved),
            WithdrawalView.Paid => rows.Where(w => w.Status == WithdrawalStatus.Paid),
            WithdrawalView.Closed => rows.Where(w => w.Status == WithdrawalStatus.Rejected || w.Status == WithdrawalStatus.Failed || w.Status == WithdrawalStatus.Cancelled),
            WithdrawalView.Mine => await MineAsync(pending, ct),
            _ => rows,
        };
        if (query.ClientId is { } clientId) rows = rows.Where(w => w.ClientId == clientId);
        var total = await rows.CountAsync(ct);
        var ordered = query.View is WithdrawalView.Paid or WithdrawalView.Closed or WithdrawalView.All
            ? rows.OrderByDescending(w => w.Id)
            : rows.OrderBy(w => w.WaitingSince).ThenBy(w => w.Id);
        var page = await ordered.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(ct);
        return new Page<WithdrawalRow>(await RowsAsync(page, ct), total);
    }

    private async Task<IQueryable<Withdrawal>> MineAsync(IQueryable<Withdrawal> pending, CancellationToken ct)
    {
        var staffId = context.Actor.StaffId ?? "";
        var permissions = await access.GetPermissionsAsync(staffId, ct) ?? new HashSet<string>();
        var waitingAt = new[] { ApprovalLevel.L1, ApprovalLevel.L2, ApprovalLevel.L3 }
            .Where(l => permissions.Contains(FundsPermissions.ApproveAt(l))).Select(l => l - 1).ToList();
        return pending.Where(w => waitingAt.Contains(w.ApprovedLevel) && w.RequestedByStaffId != staffId
                                  && !db.WithdrawalApprovals.Any(a => a.WithdrawalId == w.Id && a.StaffId == staffId));
    }

    public async ValueTask<WithdrawalRow?> Handle(GetWithdrawal query, CancellationToken ct) =>
        (await RowsAsync(await db.Withdrawals.AsNoTracking().Where(w => w.Id == query.WithdrawalId).ToListAsync(ct), ct)).FirstOrDefault();

    public async ValueTask<WithdrawalRow?> Handle(GetWithdrawalForClient query, CancellationToken ct) =>
        (await RowsAsync(await db.Withdrawals.AsNoTracking().Where(w => w.Id == query.WithdrawalId && w.ClientId == query.ClientId).ToListAsync(ct), ct))
        .FirstOrDefault();

    public async ValueTask<IReadOnlyList<DestinationRow>> Handle(PayoutDestinations query, CancellationToken ct)
    {
        var destinations = db.PayoutDestinations.AsNoTracking();
        destinations = query.ClientId is { } id ? destinations.Where(d => d.ClientId == id) : destinations.Where(d => d.Status == DestinationStatus.Unverified);
        return await (from d in destinations
                      join c in db.Clients.AsNoTracking() on d.ClientId equals c.Id
                      orderby d.Id
                      select new DestinationRow(d.Id, d.Kind, d.Label, d.HolderName, d.Status, d.AddedBy, d.AddedAt, d.VerifiedBy, c.Id, c.DisplayName))
            .Take(500).ToListAsync(ct);
    }

    private async Task<IReadOnlyList<WithdrawalRow>> RowsAsync(List<Withdrawal> page, CancellationToken ct)
    {
        var ids = page.Select(w => w.Id).ToList();
        var clientIds = page.Select(w => w.ClientId).Distinct().ToList();
        var accountIds = page.Where(w => w.TradingAccountId != null).Select(w => w.TradingAccountId!.Value).Distinct().ToList();
        var partnerIds = page.Where(w => w.PartnerId != null).Select(w => w.PartnerId!.Value).Distinct().ToList();
        var destinationIds = page.Select(w => w.DestinationId).Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.DisplayName }).ToDictionaryAsync(c => c.Id, ct);
        var logins = await db.TradingAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Login, ct);
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var destinations = await db.PayoutDestinations.AsNoTracking().Where(d => destinationIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var channels = await db.PaymentChannels.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        var approvals = (await db.WithdrawalApprovals.AsNoTracking().Where(a => ids.Contains(a.WithdrawalId)).ToListAsync(ct))
            .ToLookup(a => a.WithdrawalId);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. page.Select(w =>
        {
            var client = clients[w.ClientId];
            var destination = destinations[w.DestinationId];
            var stage = w.Status == WithdrawalStatus.Approved ? "Payout" : w.NextLevel.ToString();
            var breached = w.Status is WithdrawalStatus.PendingApproval or WithdrawalStatus.Approved && now - w.WaitingSince > options.Value.SlaFor(stage);
            return new WithdrawalRow(w.Id, w.Reference, w.ClientId, client.Number, client.DisplayName, w.TradingAccountId is { } account ? logins.GetValueOrDefault(account) : 0,
                channels[w.ChannelId].Name, channels[w.ChannelId].Kind, destination.Label, destination.Kind, w.Amount, w.AmountUsd, w.Status, w.RequiredLevel,
                w.ApprovedLevel, w.CreatedAt, w.WaitingSince, breached,
                [.. approvals[w.Id].OrderBy(a => a.Level).Select(a => new WithdrawalApprovalRow(a.Level, a.StaffId, a.StaffName, a.At))],
                w.Checks.Split('\n', StringSplitOptions.RemoveEmptyEntries), w.RequestedBy, w.RequestedByStaffId, w.Reason, w.PayoutId, w.VoucherReference,
                w.DecidedBy, w.PaidAt, w.PartnerId is { } partner ? partners.GetValueOrDefault(partner) : null);
        })];
    }
}
