using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Channels;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Deposits;

public enum DepositView
{
    /// <summary>Everything, newest first.</summary>
    All,

    /// <summary>Manual review: third-party payer, amount or currency not as ordered, partly paid.</summary>
    Review,

    /// <summary>Paid, waiting for a finance confirmation.</summary>
    Confirm,

    /// <summary>Started, not yet paid (wires to match against the statement).</summary>
    Awaiting,

    Credited,

    /// <summary>Failed, rejected, cancelled, refunded or charged back.</summary>
    Unsuccessful,
}

public sealed record DepositRow(
    long Id, string Reference, long ClientId, long ClientNumber, string ClientName, long Login, string Channel, ChannelKind ChannelKind,
    Money Amount, Money? Paid, Money Fee, DepositStatus Status, DepositReviewReason ReviewReason, string? ReviewNote,
    string? PayerName, double? PayerMatch, string? ProviderOrderId, string? ProviderStatus, string? FailureCode, string? FailureMessage,
    string RequestedBy, DateTime CreatedAt, DateTime? PaidAt, string? DecidedBy, DateTime? CreditedAt, long? LedgerTransactionId,
    BalanceOperationStatus? PlatformStatus, long? PlatformTicket, string? PlatformError, string? CheckoutUrl);

[RequiresPermission(FundsPermissions.View)]
public sealed record DepositQueue(DepositView View = DepositView.All, long? ClientId = null, string? Channel = null, string? Search = null,
    int Skip = 0, int Take = 50) : IBackOfficeQuery<Page<DepositRow>>;

[RequiresPermission(FundsPermissions.View)]
public sealed record GetDeposit(long DepositId) : IBackOfficeQuery<DepositRow?>;

/// <summary>The deposit as the client portal shows it (status, result, where to pay); null when it is not this client's.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record GetDepositForClient(long ClientId, long DepositId) : IBackOfficeQuery<DepositRow?>;

public sealed record FundableAccount(long TradingAccountId, long Login, string Currency, string AccountType, long ClientId, string ClientName, long ClientNumber);

/// <summary>A live trading account by its platform login, for starting a deposit; null when there is none.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record FindFundableAccount(long Login) : IBackOfficeQuery<FundableAccount?>;

public sealed class DepositQueryHandlers(BackOfficeDb db) :
    IQueryHandler<DepositQueue, Page<DepositRow>>, IQueryHandler<GetDeposit, DepositRow?>, IQueryHandler<GetDepositForClient, DepositRow?>,
    IQueryHandler<FindFundableAccount, FundableAccount?>
{
    public async ValueTask<FundableAccount?> Handle(FindFundableAccount query, CancellationToken ct) =>
        await (from a in db.TradingAccounts.AsNoTracking()
               join c in db.Clients.AsNoTracking() on a.ClientId equals c.Id
               join t in db.AccountTypes.AsNoTracking() on a.AccountTypeId equals t.Id
               where a.Login == query.Login && !a.IsDemo
               select new FundableAccount(a.Id, a.Login, a.Currency, t.Name, c.Id, c.DisplayName, c.Number)).FirstOrDefaultAsync(ct);

    public async ValueTask<Page<DepositRow>> Handle(DepositQueue query, CancellationToken ct)
    {
        var deposits = db.Deposits.AsNoTracking();
        deposits = query.View switch
        {
            DepositView.Review => deposits.Where(d => d.Status == DepositStatus.ManualReview),
            DepositView.Confirm => deposits.Where(d => d.Status == DepositStatus.AwaitingConfirmation),
            DepositView.Awaiting => deposits.Where(d => d.Status == DepositStatus.AwaitingPayment),
            DepositView.Credited => deposits.Where(d => d.Status == DepositStatus.Credited),
            DepositView.Unsuccessful => deposits.Where(d => d.Status == DepositStatus.Failed || d.Status == DepositStatus.Rejected
                                                         || d.Status == DepositStatus.Refunded || d.Status == DepositStatus.ChargedBack),
            _ => deposits,
        };
        if (query.ClientId is { } clientId) deposits = deposits.Where(d => d.ClientId == clientId);
        if (query.Channel is { Length: > 0 } code)
        {
            var channelId = await db.PaymentChannels.Where(c => c.Code == code).Select(c => c.Id).FirstOrDefaultAsync(ct);
            deposits = deposits.Where(d => d.ChannelId == channelId);
        }
        if (query.Search?.Trim() is { Length: > 0 } search)
            deposits = deposits.Where(d => d.Reference == search.ToUpper() || d.ProviderOrderId == search
                                           || db.Clients.Any(c => c.Id == d.ClientId && c.DisplayName.Contains(search)));
        var total = await deposits.CountAsync(ct);
        // The queues are worked oldest first; history reads newest first.
        var ordered = query.View is DepositView.Review or DepositView.Confirm or DepositView.Awaiting
            ? deposits.OrderBy(d => d.Id)
            : deposits.OrderByDescending(d => d.Id);
        var page = await ordered.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(ct);
        return new Page<DepositRow>(await RowsAsync(page, ct), total);
    }

    public async ValueTask<DepositRow?> Handle(GetDeposit query, CancellationToken ct) =>
        (await RowsAsync(await db.Deposits.AsNoTracking().Where(d => d.Id == query.DepositId).ToListAsync(ct), ct)).FirstOrDefault();

    public async ValueTask<DepositRow?> Handle(GetDepositForClient query, CancellationToken ct) =>
        (await RowsAsync(await db.Deposits.AsNoTracking().Where(d => d.Id == query.DepositId && d.ClientId == query.ClientId).ToListAsync(ct), ct))
        .FirstOrDefault();

    private async Task<IReadOnlyList<DepositRow>> RowsAsync(List<Deposit> page, CancellationToken ct)
    {
        var clientIds = page.Select(d => d.ClientId).Distinct().ToList();
        var accountIds = page.Select(d => d.TradingAccountId).Distinct().ToList();
        var transactions = page.Where(d => d.LedgerTransactionId != null).Select(d => d.LedgerTransactionId!.Value).ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.DisplayName }).ToDictionaryAsync(c => c.Id, ct);
        var logins = await db.TradingAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Login, ct);
        var channels = await db.PaymentChannels.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        var operations = await db.PlatformBalanceOperations.AsNoTracking().Where(o => transactions.Contains(o.LedgerTransactionId))
            .ToDictionaryAsync(o => o.LedgerTransactionId, ct);
        return [.. page.Select(d =>
        {
            var client = clients[d.ClientId];
            var channel = channels[d.ChannelId];
            var op = d.LedgerTransactionId is { } tx ? operations.GetValueOrDefault(tx) : null;
            return new DepositRow(d.Id, d.Reference, d.ClientId, client.Number, client.DisplayName, logins.GetValueOrDefault(d.TradingAccountId),
                channel.Name, channel.Kind, d.Amount, d.Paid, d.Fee, d.Status, d.ReviewReason, d.ReviewNote, d.PayerName, d.PayerMatch,
                d.ProviderOrderId, d.ProviderStatus, d.FailureCode, d.FailureMessage, d.RequestedBy, d.CreatedAt, d.PaidAt, d.DecidedBy, d.CreditedAt,
                d.LedgerTransactionId, op?.Status, op?.Ticket, op?.LastError, d.CheckoutUrl);
        })];
    }
}
