using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Partners;

/// <summary>Its own app: its run takes every pending deal of the database.</summary>
[Trait("Category", "Database")]
public sealed class PartnerStatusHistoryTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task A_run_computed_later_pays_each_deal_by_the_partners_status_when_it_was_made()
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "launch", (1, 10m)));
        var code = CommissionBook.Code("PAUSED");
        var partner = await CommissionBook.PartnerAsync(app, code, null, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));

        // Suspended from t0+3h to t0+6h, and suspended again at t0+8h, before the run.
        app.Clock.Advance(TimeSpan.FromHours(3));
        Must.Succeed(await app.SendAs("ib", new SetPartnerStatus(partner, PartnerStatus.Suspended, "Marketing material under review")));
        app.Clock.Advance(TimeSpan.FromHours(3));
        Must.Succeed(await app.SendAs("ib", new SetPartnerStatus(partner, PartnerStatus.Active, "Material approved")));
        app.Clock.Advance(TimeSpan.FromHours(2));
        Must.Succeed(await app.SendAs("ib", new SetPartnerStatus(partner, PartnerStatus.Suspended, "Complaint from a client")));
        Assert.Equal([PartnerStatus.Suspended, PartnerStatus.Active, PartnerStatus.Suspended],
            await app.Db(db => db.PartnerStatusChanges.Where(s => s.PartnerId == partner).OrderBy(s => s.From).Select(s => s.Status).ToListAsync()));

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await CommissionBook.RecordAsync(app, account,
            (t0.AddHours(1), DealAction.Buy, DealEntry.In, 1m), (t0.AddHours(1.5), DealAction.Sell, DealEntry.Out, 1m),   // active
            (t0.AddHours(4), DealAction.Buy, DealEntry.In, 2m), (t0.AddHours(4.5), DealAction.Sell, DealEntry.Out, 2m),   // suspended
            (t0.AddHours(7), DealAction.Buy, DealEntry.In, 3m), (t0.AddHours(7.5), DealAction.Sell, DealEntry.Out, 3m));  // active again
        var run = await CommissionBook.RunAsync(app, t0, t0.AddHours(8));

        var paid = (await CommissionBook.LinesAsync(app, run.Id)).Where(l => l.PartnerId == partner).Select(l => new { l.DealTime, l.AmountMinor }).ToList();
        Assert.NotEmpty(paid);
        Assert.DoesNotContain(paid, l => l.DealTime >= t0.AddHours(3) && l.DealTime < t0.AddHours(6));
        Assert.Contains(paid, l => l.DealTime < t0.AddHours(3));
        Assert.Contains(paid, l => l.DealTime >= t0.AddHours(6));
        // 1 lot and 3 lots at 10.00 a lot, however many sides the plan counts: the 2 lots in between earn nothing.
        Assert.Contains(paid.Sum(l => l.AmountMinor), new[] { 4000L, 8000L });
    }
}
