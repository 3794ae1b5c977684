using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Review;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc.Review;

[Trait("Category", "Database")]
public sealed class ReviewQueueTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task The_total_and_the_late_count_agree_with_the_rows_under_every_filter()
    {
        // Late: a person in GB and a company in DE, waiting since before the SLA. On time: a person in DE, claimed.
        var lateGb = await QueuedAsync(ClientBook.Person(country: "GB"));
        var lateCompany = await QueuedAsync(ClientBook.Person(country: "DE") with
        {
            Kind = ClientKind.Corporate, CompanyName = "Queue Test GmbH", RegistrationNumber = "HRB 4711",
        });
        app.Clock.Advance(TimeSpan.FromHours(30));
        var freshDe = await QueuedAsync(ClientBook.Person(country: "DE"));
        Must.Succeed(await app.SendAs("compliance", new ClaimKycCase(freshDe)));

        async Task Check(ReviewQueueFilter filter, params long[] expected)
        {
            var queue = await app.QueryAs("compliance", new ReviewQueue(filter, Take: 200));
            Assert.Equal(expected, queue.Items.Select(r => r.ClientId));
            Assert.Equal(expected.Length, queue.Total);
            Assert.Equal(queue.Items.Count(r => r.Late), queue.Late);
        }
        await Check(new ReviewQueueFilter(), lateGb, lateCompany, freshDe);
        await Check(new ReviewQueueFilter { Country = "DE" }, lateCompany, freshDe);
        await Check(new ReviewQueueFilter { Kind = ClientKind.Corporate }, lateCompany);
        await Check(new ReviewQueueFilter { Kind = ClientKind.Individual }, lateGb, freshDe);
        await Check(new ReviewQueueFilter { Kind = ClientKind.Individual, Country = "DE" }, freshDe);
        await Check(new ReviewQueueFilter { Assignee = QueueAssignee.Mine }, freshDe);
        await Check(new ReviewQueueFilter { Assignee = QueueAssignee.Unassigned, Country = "DE" }, lateCompany);
        await Check(new ReviewQueueFilter { Country = "FR" });

        // By risk level, as each case was scored.
        var order = new[] { lateGb, lateCompany, freshDe };
        var levels = await app.Db(db => db.KycCases.Where(k => order.Contains(k.ClientId)).ToDictionaryAsync(k => k.ClientId, k => k.RiskLevel));
        foreach (var level in levels.Values.Distinct())
            await Check(new ReviewQueueFilter { Risk = level }, [.. order.Where(id => levels[id] == level)]);

        // A client who moves is found under the new country at once.
        var moving = await ClientBook.ClientAsync(app, freshDe);
        Must.Succeed(await app.SendAs("support", new UpdateClientProfile(freshDe,
            ClientBook.Person(country: "FR") with { Email = moving.Email, Phone = moving.Phone }, "Moved to Lyon")));
        await Check(new ReviewQueueFilter { Country = "FR" }, freshDe);
        await Check(new ReviewQueueFilter { Country = "DE" }, lateCompany);

        var page = await app.QueryAs("compliance", new ReviewQueue(new ReviewQueueFilter(), Skip: 1, Take: 1));
        Assert.Equal([lateCompany], page.Items.Select(r => r.ClientId));
        Assert.Equal((3, 2), (page.Total, page.Late));
    }

    private async Task<long> QueuedAsync(ClientProfile profile)
    {
        var id = await ClientBook.RegisterAsync(app, profile);
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(id, "Application complete")));
        return id;
    }
}
