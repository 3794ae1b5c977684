using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Tests.Accounts;
using BackOffice.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Funds.Deposits;

/// <summary>Deposits for tests: started as finance would, paid through the sandbox's signed callbacks.</summary>
public static class DepositBook
{
    /// <summary>An approved client who declared a salary (so scores low risk) with a live USD account on the platform.</summary>
    public static async Task<(long ClientId, TradingAccount Account)> LowRiskAccountAsync(TestApp app)
    {
        var (id, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("compliance", new RecordClientDeclaration(id, SourceOfFunds.Salary, 20_000, "Engineer", OccupationCategory.Employed, false)));
        Assert.Equal(RiskLevel.Low, await app.Db(db => db.KycCases.Where(k => k.ClientId == id).Select(k => k.RiskLevel).SingleAsync()));
        return (id, account);
    }

    public static async Task<DepositStarted> StartAsync(TestApp app, long tradingAccountId, string channel, decimal amount, string currency = "USD")
    {
        var started = await app.SendAs("finance", new StartDeposit(tradingAccountId, channel, amount, currency));
        Must.Succeed(started);
        return started.Value!;
    }

    /// <summary>The person on the sandbox checkout page clicking; the sandbox posts its signed callback to the console.</summary>
    public static async Task<int> CompleteAsync(TestApp app, DepositStarted started, SandboxOutcome outcome, string? payer = null)
    {
        var id = started.CheckoutUrl!.Split('/').Last();
        return await app.Services.GetRequiredService<SandboxPsp>().CompleteAsync(id, outcome, payer, new Uri("http://localhost/"), CancellationToken.None);
    }

    public static Task<Deposit> LoadAsync(TestApp app, long id) => app.Db(db => db.Deposits.AsNoTracking().FirstAsync(d => d.Id == id));

    public static Task<int> DispatchAsync(TestApp app) =>
        app.Services.GetRequiredService<PlatformBalanceDispatcher>().RunDueAsync(CancellationToken.None);
}
