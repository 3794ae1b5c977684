using BackOffice.Core.Common;
using BackOffice.Core.Partners;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Partners;

[Trait("Category", "Database")]
public sealed class PartnerTests(SharedApp app) : IClassFixture<SharedApp>
{
    private static int _next;

    private static string Code(string stem) => $"{stem}-{Interlocked.Increment(ref _next)}";

    private async Task<(long Id, string Code)> PartnerAsync(string stem, string? parent = null)
    {
        var client = await ClientBook.RegisterAsync(app);
        var code = Code(stem);
        var created = await app.SendAs("ib", new CreatePartner(client, code.ToLowerInvariant(), parent));
        Must.Succeed(created);
        return (created.Value, code);
    }

    private async Task<IReadOnlyList<long>> ChainAsync(long partnerId, DateTime at) =>
        await app.Db(db => PartnerHistory.ChainAsync(db, partnerId, at, CancellationToken.None));

    private async Task ApproveAsync(Result asked)
    {
        Assert.True(asked.IsPendingApproval, asked.ToString());
        Must.Fail(await app.SendAs("ib", new ApprovePendingOperation(asked.PendingOperationId!.Value, "mine")));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "checked")));
    }

    [Fact]
    public async Task A_tree_is_built_under_active_parents_with_clear_refusals()
    {
        var top = await PartnerAsync("ALPHA");
        var sub = await PartnerAsync("BRAVO", top.Code);
        var subSub = await PartnerAsync("CHARLIE", sub.Code);

        var client = await ClientBook.RegisterAsync(app);
        Must.Fail(await app.SendAs("ib", new CreatePartner(client, "x", null)), "validation");
        Must.Fail(await app.SendAs("ib", new CreatePartner(client, top.Code, null)), "conflict");
        Must.Fail(await app.SendAs("ib", new CreatePartner(client, Code("DELTA"), "NOBODY-1")), "partner.unknown");
        Must.Fail(await app.SendAs("support", new CreatePartner(client, Code("DELTA"), null)), "forbidden");
        var clientOfTop = await app.Db(db => db.Partners.Where(p => p.Id == top.Id).Select(p => p.ClientId).FirstAsync());
        Must.Fail(await app.SendAs("ib", new CreatePartner(clientOfTop, Code("ECHO"), null)), "conflict");

        Must.Succeed(await app.SendAs("ib", new SetPartnerStatus(sub.Id, PartnerStatus.Suspended, "Compliance review")));
        Must.Fail(await app.SendAs("ib", new CreatePartner(client, Code("FOXTROT"), sub.Code)), "partner.not_active");

        var tree = await app.QueryAs("ib", new PartnerTree());
        var nodes = tree.Where(n => n.Id == top.Id || n.Id == sub.Id || n.Id == subSub.Id).ToList();
        Assert.Equal([(top.Code, 0, 1), (sub.Code, 1, 1), (subSub.Code, 2, 0)], nodes.Select(n => (n.Code, n.Depth, n.SubPartners)));
        Assert.True(tree.ToList().FindIndex(n => n.Id == top.Id) < tree.ToList().FindIndex(n => n.Id == subSub.Id));
        Assert.Equal([subSub.Id, sub.Id, top.Id], await ChainAsync(subSub.Id, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1)));
    }

    [Fact]
    public async Task Attribution_is_first_touch_and_a_reassignment_applies_from_its_date_after_a_second_approval()
    {
        var first = await PartnerAsync("GOLF");
        var second = await PartnerAsync("HOTEL");
        var client = await ClientBook.RegisterAsync(app);
        var start = app.Clock.GetUtcNow().UtcDateTime;

        Must.Fail(await app.SendAs("ib", new ReassignClient(client, second.Code, start, "moved")), "partner.not_attributed");
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, first.Code)));
        Assert.Contains(first.Code, Must.Fail(await app.SendAs("ib", new AttributeClient(client, second.Code)), "partner.already_attributed").Message);

        app.Clock.Advance(TimeSpan.FromDays(10));
        var switchAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(-3);
        Must.Fail(await app.SendAs("ib", new ReassignClient(client, second.Code, switchAt, "")), "validation");
        Must.Fail(await app.SendAs("ib", new ReassignClient(client, second.Code, start.AddDays(-1), "Signed with the other desk")), "partner.effective_date");
        Must.Fail(await app.SendAs("ib", new ReassignClient(client, first.Code, switchAt, "same")), "conflict");
        await ApproveAsync(await app.SendAs("ib", new ReassignClient(client, second.Code, switchAt, "Client signed with the other desk")));

        Assert.Equal(first.Id, await app.Db(db => PartnerHistory.PartnerOfAsync(db, client, switchAt.AddHours(-1), CancellationToken.None)));
        Assert.Equal(second.Id, await app.Db(db => PartnerHistory.PartnerOfAsync(db, client, switchAt.AddHours(1), CancellationToken.None)));
        Assert.Null(await app.Db(db => PartnerHistory.PartnerOfAsync(db, client, start.AddHours(-1), CancellationToken.None)));
        var history = await app.QueryAs("ib", new ClientAttributionHistory(client));
        Assert.Equal([(second.Code, AttributionSource.Reassignment), (first.Code, AttributionSource.Staff)], history.Select(h => (h.PartnerCode, h.Source)));
        Assert.Equal("ib (approved by manager)", history[0].By);

        // A suspended partner takes no client: refused before any checker is asked.
        Must.Succeed(await app.SendAs("ib", new SetPartnerStatus(first.Id, PartnerStatus.Suspended, "Unpaid fees")));
        var pending = await app.Db(db => db.PendingOperations.CountAsync());
        Must.Fail(await app.SendAs("ib", new ReassignClient(client, first.Code, app.Clock.GetUtcNow().UtcDateTime, "back")), "partner.not_active");
        Assert.Equal(pending, await app.Db(db => db.PendingOperations.CountAsync()));
    }

    [Fact]
    public async Task A_sub_partner_moves_with_its_subtree_from_a_date_and_a_cycle_is_refused()
    {
        var a = await PartnerAsync("INDIA");
        var b = await PartnerAsync("JULIET", a.Code);
        var c = await PartnerAsync("KILO", b.Code);
        var other = await PartnerAsync("LIMA");
        var before = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        app.Clock.Advance(TimeSpan.FromDays(5));
        var moveAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(-1);

        Assert.Contains("cycle", Must.Fail(await app.SendAs("ib", new MovePartner(a.Id, c.Code, moveAt, "try")), "partner.cycle").Message);
        Must.Fail(await app.SendAs("ib", new MovePartner(a.Id, a.Code, moveAt, "try")), "partner.cycle");
        Must.Fail(await app.SendAs("ib", new MovePartner(b.Id, a.Code, moveAt, "same")), "conflict");
        await ApproveAsync(await app.SendAs("ib", new MovePartner(b.Id, other.Code, moveAt, "Desk reorganised")));

        Assert.Equal([c.Id, b.Id, a.Id], await ChainAsync(c.Id, before));
        Assert.Equal([c.Id, b.Id, other.Id], await ChainAsync(c.Id, moveAt.AddHours(1)));
        var tree = await app.QueryAs("ib", new PartnerTree());
        Assert.Equal((other.Id, 1), tree.Where(n => n.Id == b.Id).Select(n => (n.ParentId!.Value, n.Depth)).Single());
        Assert.Equal(2, tree.Single(n => n.Id == c.Id).Depth);
    }
}
