using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// Finance's withdrawal queues in the demo, made through the real commands (as the portal and finance would): bank
/// accounts added and verified, then withdrawals at each approval level, one of them already approved at L1.
/// </summary>
public static class DemoWithdrawals
{
    /// <summary>Why candidates of the last seeding were passed over (what the checks said), for the start-up log.</summary>
    public static IReadOnlyList<string> LastRefusals { get; private set; } = [];

    public static async Task<(int Made, IReadOnlyList<string> Refusals)> SeedAsync(IServiceScopeFactory scopes, CancellationToken ct = default)
    {
        List<(long ClientId, long Login, string Holder, long Balance)> candidates;
        string financeId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            financeId = await db.Users.Where(u => u.UserName == "finance2").Select(u => u.Id).FirstAsync(ct);
            var cardChannel = await db.PaymentChannels.Where(c => c.Code == "card").Select(c => c.Id).FirstOrDefaultAsync(ct);
            var rows = await (from a in db.TradingAccounts.AsNoTracking()
                              join c in db.Clients.AsNoTracking() on a.ClientId equals c.Id
                              join l in db.LedgerAccounts.AsNoTracking() on "client:" + a.Id equals l.Code
                              where !a.IsDemo && a.Currency == "USD" && c.Status == Core.Accounts.Lifecycle.ClientStatus.Approved && l.BalanceMinor >= 300_000
                                    && !db.Deposits.Any(d => d.ClientId == c.Id && d.ChannelId == cardChannel)
                              orderby l.BalanceMinor descending
                              select new { c.Id, a.Login, c.DisplayName, l.BalanceMinor }).Take(40).ToListAsync(ct);
            candidates = [.. rows.Select(r => (r.Id, r.Login, r.DisplayName, r.BalanceMinor))];
        }
        var portal = Actor.System("api:Demo portal");
        var finance = new Actor(financeId, "finance2", "127.0.0.1", "demo", Actor.NewCorrelationId());
        decimal[] amounts = [2_500m, 12_000m, 60_000m, 800m, 4_000m, 15_000m];
        var made = 0;
        var refusals = new List<string>();
        foreach (var (clientId, login, holder, balance) in candidates)
        {
            if (made == amounts.Length) break;
            var amount = Math.Min(amounts[made], balance / 100m / 2);
            var iban = DemoIban(made + candidates.IndexOf((clientId, login, holder, balance)));
            var destination = await scopes.SendAsAsync(new AddPayoutDestinationFromApi(clientId, DestinationKind.BankAccount, iban, holder, "Barclays"), portal, ct);
            if (!destination.Succeeded)
            {
                refusals.Add(destination.Error!.Message);
                continue;
            }
            var verified = await scopes.SendAsAsync(new DecidePayoutDestination(destination.Value, true, "Bank letter on file"), finance, ct);
            if (!verified.Succeeded)
            {
                refusals.Add(verified.Error!.Message);
                continue;
            }
            var asked = await scopes.SendAsAsync(new RequestWithdrawalFromApi(clientId, login, "wire", destination.Value, amount, "USD"), portal, ct);
            if (!asked.Succeeded)
            {
                refusals.Add(asked.Error!.Message);
                continue;
            }
            if (made == 1) await scopes.SendAsAsync(new ApproveWithdrawal(asked.Value!.WithdrawalId, ApprovalLevel.L1), finance, ct);
            made++;
        }
        LastRefusals = refusals;
        return (made, refusals);
    }

    /// <summary>A valid UK IBAN (check digits computed) for the n-th demo bank account.</summary>
    private static string DemoIban(int n)
    {
        var bban = $"BUKB202015{n + 1:00000000}";
        var digits = string.Concat((bban + "GB00").Select(ch => char.IsLetter(ch) ? (ch - 'A' + 10).ToString() : ch.ToString()));
        var remainder = digits.Aggregate(0, (r, d) => (r * 10 + (d - '0')) % 97);
        return $"GB{98 - remainder:00}{bban}";
    }
}
