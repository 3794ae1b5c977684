using System.Globalization;
using System.Text;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Reconciliation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// Finance's reconciliation in the demo, imported through the real command: last week's card settlement report (one
/// charge settled short, one missing, one nobody ordered) and this week's bank statement (a wire naming a deposit
/// that waits to be confirmed, money from a client who gave no reference, the bank's fee).
/// </summary>
public static class DemoStatements
{
    /// <summary>What the last seeding could not import and why, for the start-up log.</summary>
    public static IReadOnlyList<string> LastProblems { get; private set; } = [];

    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct = default)
    {
        string financeId;
        List<(string Reference, string? ProviderId, long Minor, string Currency, DateTime PaidAt, string? Payer)> card;
        List<(string Reference, long Minor, string Holder)> awaitingWires;
        string? unreferencedPayer;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            financeId = await db.Users.Where(u => u.UserName == "finance").Select(u => u.Id).FirstAsync(ct);
            // The latest card payments (whatever became of them here), whole days only, so that everything of the report's period is in it but the one held back.
            card = (await (from d in db.Deposits.AsNoTracking()
                           join c in db.PaymentChannels.AsNoTracking() on d.ChannelId equals c.Id
                           where c.Code == "card" && d.PaidMinor != null && d.PaidAt != null
                           orderby d.PaidAt descending
                           select new { d.Reference, d.ProviderOrderId, d.PaidMinor, d.PaidCurrency, d.PaidAt, d.PayerName }).Take(80).ToListAsync(ct))
                .Select(d => (d.Reference, (string?)d.ProviderOrderId, d.PaidMinor!.Value, d.PaidCurrency!, d.PaidAt!.Value, (string?)d.PayerName))
                .OrderBy(d => d.Item5).ToList();
            if (card.Count == 80) card = card.Where(d => d.PaidAt.Date > card[0].PaidAt.Date).ToList();
            awaitingWires = (await (from d in db.Deposits.AsNoTracking()
                                    join c in db.PaymentChannels.AsNoTracking() on d.ChannelId equals c.Id
                                    join cl in db.Clients.AsNoTracking() on d.ClientId equals cl.Id
                                    where c.Code == "wire" && d.Status == DepositStatus.AwaitingPayment && d.Currency == "USD"
                                    orderby d.Id
                                    select new { d.Reference, d.AmountMinor, cl.DisplayName }).Take(2).ToListAsync(ct))
                .Select(d => (d.Reference, d.AmountMinor, d.DisplayName)).ToList();
            unreferencedPayer = await (from a in db.TradingAccounts.AsNoTracking()
                                       join c in db.Clients.AsNoTracking() on a.ClientId equals c.Id
                                       where !a.IsDemo && a.Currency == "USD" && c.Status == Core.Accounts.Lifecycle.ClientStatus.Approved
                                       orderby a.Id descending
                                       select c.DisplayName).FirstOrDefaultAsync(ct);
        }
        var finance = new Actor(financeId, "finance", "127.0.0.1", "demo", Actor.NewCorrelationId());
        var imported = 0;
        var problems = new List<string>();
        async Task ImportAsync(string channel, string file, StringBuilder content)
        {
            var result = await scopes.SendAsAsync(new ImportStatement(channel, file, Encoding.UTF8.GetBytes(content.ToString())), finance, ct);
            if (result.Succeeded) imported++;
            else problems.Add($"{file}: {result.Error}");
        }

        if (card.Count >= 3)
        {
            var lines = new StringBuilder(StatementLayout.StandardHeader(ChannelKind.Card)).Append('\n');
            for (var i = 0; i < card.Count; i++)
            {
                if (i == card.Count / 2) continue; // settled in a later report: ours only for now
                var (reference, providerId, minor, currency, paidAt, payer) = card[i];
                var settled = i == 1 ? minor - 100 : minor; // one settled a dollar short
                lines.Append(CultureInfo.InvariantCulture, $"{paidAt:yyyy-MM-ddTHH:mm:ssZ},{providerId},{reference},charge,{Decimal(settled, currency)},{currency},")
                    .Append(CultureInfo.InvariantCulture, $"{Decimal(settled * 29 / 1000, currency)},\"{payer}\"\n");
            }
            lines.Append(CultureInfo.InvariantCulture, $"{today.AddDays(-2):yyyy-MM-dd}T16:40:00Z,ch_demo_unknown,,charge,49.00,USD,1.42,\"K Unknown\"\n");
            await ImportAsync("card", $"card-settlement-{today:yyyyMMdd}.csv", lines);
        }
        else problems.Add($"{card.Count} credited card deposits: no settlement report.");

        var bank = new StringBuilder(StatementLayout.StandardHeader(ChannelKind.BankWire)).Append('\n');
        var n = 0;
        foreach (var (reference, minor, holder) in awaitingWires)
            bank.Append(CultureInfo.InvariantCulture, $"{today:yyyy-MM-dd},{Decimal(minor, "USD")},USD,\"{holder}\",\"Deposit {reference}\",BARC-IN-{++n:0000}\n");
        if (unreferencedPayer is not null)
            bank.Append(CultureInfo.InvariantCulture, $"{today:yyyy-MM-dd},1500.00,USD,\"{unreferencedPayer}\",\"trading account top up\",BARC-IN-{++n:0000}\n");
        bank.Append(CultureInfo.InvariantCulture, $"{today:yyyy-MM-dd},-35.00,USD,Barclays,\"Account maintenance fee\",BARC-FEE-{today:MMdd}\n");
        await ImportAsync("wire", $"barclays-{today:yyyyMMdd}.csv", bank);
        LastProblems = problems;
        return imported;
    }

    private static string Decimal(long minor, string currency) =>
        new Money(minor, currency).Amount.ToString(CultureInfo.InvariantCulture);
}
