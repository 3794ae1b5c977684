using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds;

public sealed record AccountFunds(long TradingAccountId, long Login, string AccountType, Money Available, Money Reserved, Money WaitingForPlatform);

public sealed record FundsMovement(DateTime At, string Kind, string Reference, long Login, Money Amount, string Status, string? Detail);

public sealed record ClientFundsView(IReadOnlyList<AccountFunds> Accounts, IReadOnlyList<FundsMovement> Movements, IReadOnlyList<DestinationRow> Destinations);

/// <summary>A client's money at a glance: per live account what is available, reserved for withdrawals and still on its way to the platform, and the latest movements.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record GetClientFunds(long ClientId, int Take = 50) : IBackOfficeQuery<ClientFundsView>;

public sealed class GetClientFundsHandler(BackOfficeDb db, IMediator mediator) : IQueryHandler<GetClientFunds, ClientFundsView>
{
    public async ValueTask<ClientFundsView> Handle(GetClientFunds query, CancellationToken ct)
    {
        var accounts = await (from a in db.TradingAccounts.AsNoTracking()
                              join t in db.AccountTypes.AsNoTracking() on a.AccountTypeId equals t.Id
                              where a.ClientId == query.ClientId && !a.IsDemo
                              orderby a.Login
                              select new { a.Id, a.Login, a.Currency, Type = t.Name }).ToListAsync(ct);
        var ids = accounts.Select(a => a.Id).ToList();
        var codes = ids.SelectMany(id => new[] { DepositMoves.ClientAccount(id), WithdrawalChecks.ReservedAccount(id) }).ToList();
        var balances = await db.LedgerAccounts.AsNoTracking().Where(l => codes.Contains(l.Code)).ToDictionaryAsync(l => (l.Code, l.Currency), l => l.BalanceMinor, ct);
        var waiting = await db.PlatformBalanceOperations.AsNoTracking().Where(o => ids.Contains(o.TradingAccountId) && o.Status != BalanceOperationStatus.Applied)
            .GroupBy(o => o.TradingAccountId).Select(g => new { g.Key, Sum = g.Sum(o => o.AmountMinor) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var funds = accounts.Select(a => new AccountFunds(a.Id, a.Login, a.Type,
            new Money(balances.GetValueOrDefault((DepositMoves.ClientAccount(a.Id), a.Currency)), a.Currency),
            new Money(balances.GetValueOrDefault((WithdrawalChecks.ReservedAccount(a.Id), a.Currency)), a.Currency),
            new Money(waiting.GetValueOrDefault(a.Id), a.Currency))).ToList();

        var deposits = (await mediator.Send(new DepositQueue(ClientId: query.ClientId, Take: query.Take), ct)).Items
            .Select(d => new FundsMovement(d.CreatedAt, "Deposit · " + d.Channel, d.Reference, d.Login, d.Paid ?? d.Amount, d.Status.Describe(), d.ReviewNote ?? d.FailureMessage));
        var withdrawals = (await mediator.Send(new WithdrawalQueue(WithdrawalView.All, query.ClientId, Take: query.Take), ct)).Items
            .Select(w => new FundsMovement(w.CreatedAt, "Withdrawal · " + w.Channel, w.Reference, w.Login, -w.Amount, w.StatusText, w.Reason));
        var logins = accounts.ToDictionary(a => a.Id, a => a.Login);
        var corrections = (await db.BalanceCorrections.AsNoTracking().Where(c => c.ClientId == query.ClientId).OrderByDescending(c => c.Id).Take(query.Take).ToListAsync(ct))
            .Select(c => new FundsMovement(c.PostedAt, "Correction · " + c.Category, c.Reference, logins.GetValueOrDefault(c.TradingAccountId), c.Amount,
                $"approved by {c.ApprovedBy}", c.Reason));
        var transfers = (await db.InternalTransfers.AsNoTracking().Where(t => t.ClientId == query.ClientId).OrderByDescending(t => t.Id).Take(query.Take).ToListAsync(ct))
            .Select(t => new FundsMovement(t.At, "Transfer", t.Reference, logins.GetValueOrDefault(t.FromAccountId), -new Money(t.AmountMinor, t.Currency), "done",
                $"to {logins.GetValueOrDefault(t.ToAccountId)}: {new Money(t.ToAmountMinor, t.ToCurrency)}" + (t.Rate != 1 ? $" at {t.Rate}" : "")));
        var movements = deposits.Concat(withdrawals).Concat(corrections).Concat(transfers).OrderByDescending(m => m.At).Take(query.Take).ToList();
        var destinations = await mediator.Send(new PayoutDestinations(query.ClientId), ct);
        return new ClientFundsView(funds, movements, destinations);
    }
}
