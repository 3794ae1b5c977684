using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Partners;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Partners;

/// <summary>Its own app: the run started here takes every pending deal of the database.</summary>
[Trait("Category", "Database")]
public sealed class CommissionRunRaceTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task Two_runs_started_at_the_same_moment_leave_one_computing_and_tell_the_other_so()
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var (_, account) = await ClientBook.ApprovedWithAccountAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await CommissionBook.RecordAsync(app, account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 1m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 1m));

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => app.SendAs("ib", new StartCommissionRun(t0, t0.AddHours(3))))));
        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("conflict", r.Error!.Code));
        Assert.Equal([winner.Value], await app.Db(db => db.CommissionRuns.Where(r => r.Status == CommissionRunStatus.Computing).Select(r => r.Id).ToListAsync()));

        // Once it is computed, the next run may start.
        await CommissionRunner.ComputeAsync(app.Scopes, winner.Value, 2, NullLogger.Instance, default);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Must.Succeed(await app.SendAs("ib", new StartCommissionRun(t0.AddHours(3), t0.AddHours(3).AddMinutes(1))));
    }
}
