using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Infrastructure.Platform;
using BackOffice.Infrastructure.Platform.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Accounts;

/// <summary>Puts clients where a test needs them, through the same commands staff use.</summary>
public static class ClientBook
{
    private static int _counter;

    public static ClientProfile Person(string? email = null, string country = "GB", string lastName = "Client")
    {
        var n = Interlocked.Increment(ref _counter);
        return new ClientProfile
        {
            Kind = ClientKind.Individual,
            FirstName = "Test",
            LastName = $"{lastName}{n}",
            DateOfBirth = new DateOnly(1985, 3, 14),
            Nationality = country,
            Country = country,
            Email = email ?? $"client{n}-{Guid.NewGuid():N}@example.com",
            Phone = $"+44 20 7946 {n:0000}",
        };
    }

    public static async Task<long> RegisterAsync(TestApp app, ClientProfile? profile = null)
    {
        var result = await app.SendAs("support", new RegisterClient(profile ?? Person()));
        Must.Succeed(result);
        return result.Value!.Id;
    }

    /// <summary>A new client walked along the lifecycle to <paramref name="status"/>.</summary>
    public static async Task<long> InStatusAsync(TestApp app, ClientStatus status)
    {
        var id = await RegisterAsync(app);
        if (status == ClientStatus.Registered) return id;
        if (status == ClientStatus.Closed)
        {
            Must.Succeed(await app.SendAs("compliance", new CloseClient(id, "Client asked to leave")));
            return id;
        }
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(id, "Application complete")));
        if (status == ClientStatus.PendingReview) return id;
        if (status == ClientStatus.PendingDocuments)
        {
            Must.Succeed(await app.SendAs("compliance", new RequestClientDocuments(id, "Proof of address missing")));
            return id;
        }
        await Kyc.KycBook.AcceptAllRequiredAsync(app, id);
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(id, "Documents verified")));
        if (status == ClientStatus.Approved) return id;
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(id, RestrictionCategory.AbnormalActivity, "Third-party deposits")));
        return id;
    }

    /// <summary>An approved client with one live account opened on the platform.</summary>
    public static async Task<(long ClientId, TradingAccount Account)> ApprovedWithAccountAsync(TestApp app, string accountType = "Standard")
    {
        var id = await InStatusAsync(app, ClientStatus.Approved);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == accountType).Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new OpenTradingAccount(id, typeId, "USD"));
        Must.Succeed(opened);
        await SyncAsync(app);
        return (id, await AccountAsync(app, opened.Value));
    }

    public static Task<TradingAccount> AccountAsync(TestApp app, long accountId) =>
        app.Db(db => db.TradingAccounts.AsNoTracking().FirstAsync(a => a.Id == accountId));

    public static Task<Client> ClientAsync(TestApp app, long clientId) =>
        app.Db(db => db.Clients.AsNoTracking().FirstAsync(c => c.Id == clientId));

    public static Task<int> SyncAsync(TestApp app) => app.Services.GetRequiredService<PlatformSyncDispatcher>().RunDueAsync(CancellationToken.None);

    public static PlatformSimulator Simulator(TestApp app) => app.Services.GetRequiredService<PlatformSimulator>();
}
