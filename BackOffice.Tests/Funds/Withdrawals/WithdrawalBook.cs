using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Funds.Withdrawals;

/// <summary>A low-risk client with money on the account (a wire, so no card money must go back first) and a verified bank account.</summary>
public static class WithdrawalBook
{
    public const string Iban = "GB33BUKB20201555555555";

    public static async Task<(long ClientId, TradingAccount Account, long BankId)> FundedAsync(TestApp app, decimal amount = 20_000m)
    {
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "wire", amount);
        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(started.DepositId, amount, "USD", holder, "STMT-" + started.Reference)));
        await DepositBook.DispatchAsync(app);
        var bank = await app.SendAs("finance", new AddPayoutDestination(clientId, DestinationKind.BankAccount, Iban, holder, "Barclays"));
        Must.Succeed(bank);
        Must.Succeed(await app.SendAs("finance2", new DecidePayoutDestination(bank.Value, true, "Bank letter on file")));
        return (clientId, account, bank.Value);
    }

    public static async Task<WithdrawalRequested> RequestAsync(TestApp app, long accountId, long destinationId, decimal amount, string channel = "wire", string user = "finance")
    {
        var requested = await app.SendAs(user, new RequestWithdrawal(accountId, channel, destinationId, amount, "USD"));
        Must.Succeed(requested);
        return requested.Value!;
    }

    public static Task<Withdrawal> LoadAsync(TestApp app, long id) => app.Db(db => db.Withdrawals.AsNoTracking().FirstAsync(w => w.Id == id));

    public static Task<long> LedgerAsync(TestApp app, string code) =>
        app.Db(db => db.LedgerAccounts.AsNoTracking().Where(a => a.Code == code && a.Currency == "USD").Select(a => a.BalanceMinor).FirstOrDefaultAsync());
}
