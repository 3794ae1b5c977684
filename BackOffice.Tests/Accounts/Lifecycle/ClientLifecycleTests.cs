using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Staff.FourEyes;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Accounts.Lifecycle;

[Trait("Category", "Database")]
public sealed class ClientLifecycleTests(SharedApp app) : IClassFixture<SharedApp>
{
    public static TheoryData<ClientStatus, string> EveryStatusAndTransition()
    {
        var data = new TheoryData<ClientStatus, string>();
        foreach (var status in Enum.GetValues<ClientStatus>())
            foreach (var transition in Transitions.Keys)
                data.Add(status, transition);
        return data;
    }

    private static readonly Dictionary<string, (ClientStatus Target, Func<long, IBackOfficeCommand<Result>> Command)> Transitions = new()
    {
        ["submit"] = (ClientStatus.PendingReview, id => new SubmitClientForReview(id, "complete")),
        ["request-documents"] = (ClientStatus.PendingDocuments, id => new RequestClientDocuments(id, "missing proof")),
        ["return-to-review"] = (ClientStatus.PendingReview, id => new ReturnClientToReview(id, "documents arrived")),
        ["approve"] = (ClientStatus.Approved, id => new ApproveClient(id, "verified")),
        ["restrict"] = (ClientStatus.Restricted, id => new RestrictClient(id, RestrictionCategory.InternalReview, "source of funds")),
        ["lift"] = (ClientStatus.Approved, id => new LiftClientRestriction(id, "review finished")),
        ["close"] = (ClientStatus.Closed, id => new CloseClient(id, "client asked")),
        ["terminate"] = (ClientStatus.Closed, id => new TerminateClient(id, "abusive trading")),
    };

    [Theory]
    [MemberData(nameof(EveryStatusAndTransition))]
    public async Task Every_transition_from_every_status_is_allowed_or_refused_as_the_lifecycle_says(ClientStatus from, string transition)
    {
        var (target, build) = Transitions[transition];
        var id = await ClientBook.InStatusAsync(app, from);
        var legal = ClientLifecycle.CanMove(from, target)
            && !(transition == "submit" && from != ClientStatus.Registered)
            && !(transition == "return-to-review" && from != ClientStatus.PendingDocuments)
            && !(transition == "approve" && from != ClientStatus.PendingReview)
            && !(transition == "lift" && from != ClientStatus.Restricted);
        if (legal && transition == "approve") await Kyc.KycBook.AcceptAllRequiredAsync(app, id);
        var result = await app.SendAs("compliance", build(id));

        if (!legal)
        {
            var error = Must.Fail(result);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.Equal(from, (await ClientBook.ClientAsync(app, id)).Status);
            return;
        }
        Must.Succeed(result);
        if (result.IsPendingApproval)
            Must.Succeed(await app.SendAs("compliance2", new ApprovePendingOperation(result.PendingOperationId!.Value, "agreed")));
        Assert.Equal(target, (await ClientBook.ClientAsync(app, id)).Status);
    }

    [Fact]
    public async Task An_illegal_move_is_refused_with_a_sentence_naming_the_way_forward()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Registered);
        var error = Must.Fail(await app.SendAs("compliance", new ApproveClient(id, "looks fine")), "client.illegal_transition");
        Assert.Equal("A client who is registered cannot become approved; from here they can only become pending review or closed.", error.Message);
    }

    [Fact]
    public async Task Approving_a_restricted_client_is_refused_because_unfreezing_needs_a_second_officer()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Restricted);
        var error = Must.Fail(await app.SendAs("compliance", new ApproveClient(id, "looks fine now")), "client.illegal_transition");
        Assert.Equal("This step is for clients who are pending review; this client is restricted.", error.Message);
        Assert.Equal(ClientStatus.Restricted, (await ClientBook.ClientAsync(app, id)).Status);
    }

    [Fact]
    public async Task A_full_freeze_allows_nothing_and_disables_trading()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(id, RestrictionCategory.AbnormalActivity, "Account takeover suspected", [])));
        var view = await app.QueryAs("support", new BackOffice.Core.Accounts.Clients.GetClient360(id));
        Assert.All(view!.Capabilities, c => Assert.False(c.Allowed));
    }

    [Fact]
    public async Task A_transition_without_a_reason_is_refused_and_changes_nothing()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Registered);
        var error = Must.Fail(await app.SendAs("compliance", new SubmitClientForReview(id, "")), "validation");
        Assert.Contains("Reason", error.Fields!.Keys);
        Assert.Equal(ClientStatus.Registered, (await ClientBook.ClientAsync(app, id)).Status);
    }

    [Fact]
    public async Task Support_cannot_restrict_a_client()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        Must.Fail(await app.SendAs("support", new RestrictClient(id, RestrictionCategory.ComplianceHold, "hold")), "forbidden");
    }

    [Fact]
    public async Task Lifting_a_restriction_needs_a_second_compliance_officer_and_records_both()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Restricted);
        var requested = await app.SendAs("compliance", new LiftClientRestriction(id, "Documents renewed"));
        Assert.True(requested.IsPendingApproval);
        Assert.Equal(ClientStatus.Restricted, (await ClientBook.ClientAsync(app, id)).Status);

        Must.Fail(await app.SendAs("compliance", new ApprovePendingOperation(requested.PendingOperationId!.Value, "self")));
        Assert.Equal(ClientStatus.Restricted, (await ClientBook.ClientAsync(app, id)).Status);

        Must.Succeed(await app.SendAs("compliance2", new ApprovePendingOperation(requested.PendingOperationId!.Value, "checked the new passport")));
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Approved, client.Status);
        Assert.Null(client.RestrictionCategory);
        var entry = await app.Db(db => db.AuditEntries.Where(a => a.Action == nameof(LiftClientRestriction) && a.EntityId == id.ToString()).SingleAsync());
        Assert.Equal("compliance", entry.ActorName);
        Assert.Equal("compliance2", entry.ApproverName);
        Assert.Equal("Documents renewed", entry.Reason);
    }

    [Fact]
    public async Task Lifting_a_restriction_of_a_client_who_is_not_restricted_is_refused_before_a_checker_is_asked()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var pendingBefore = await app.Db(db => db.PendingOperations.CountAsync());
        var error = Must.Fail(await app.SendAs("compliance", new LiftClientRestriction(id, "not needed")));
        Assert.Equal("The client is already approved.", error.Message);
        Assert.Equal(pendingBefore, await app.Db(db => db.PendingOperations.CountAsync()));
    }

    [Fact]
    public async Task Termination_is_four_eyes()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var requested = await app.SendAs("compliance", new TerminateClient(id, "Abusive latency arbitrage"));
        Assert.True(requested.IsPendingApproval);
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);
        Must.Succeed(await app.SendAs("compliance2", new ApprovePendingOperation(requested.PendingOperationId!.Value, "agreed")));
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Closed, client.Status);
        Assert.Equal("Abusive latency arbitrage", client.StatusReason);
    }

    [Fact]
    public async Task A_restriction_wider_than_the_matrix_allows_is_refused()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var error = Must.Fail(await app.SendAs("compliance",
            new RestrictClient(id, RestrictionCategory.InternalReview, "review", [Capability.ClosePositions, Capability.Withdraw])), "client.restriction_too_wide");
        Assert.Contains("withdraw", error.Message, StringComparison.Ordinal);
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);
    }

    [Fact]
    public async Task Bulk_restriction_is_one_four_eyes_operation_and_each_client_is_audited_on_its_own()
    {
        var ids = new[]
        {
            await ClientBook.InStatusAsync(app, ClientStatus.Approved),
            await ClientBook.InStatusAsync(app, ClientStatus.Approved),
            await ClientBook.InStatusAsync(app, ClientStatus.Approved),
        };
        var requested = await app.SendAs("compliance", new BackOffice.Core.Accounts.Crm.BulkRestrictClients(ids, RestrictionCategory.ComplianceHold, "Sanctions list update"));
        Assert.True(requested.IsPendingApproval);
        var op = await app.Db(db => db.PendingOperations.SingleAsync(o => o.Id == requested.PendingOperationId));
        foreach (var id in ids) Assert.Contains(id.ToString(), op.Summary, StringComparison.Ordinal);

        Must.Succeed(await app.SendAs("compliance2", new ApprovePendingOperation(op.Id, "agreed")));
        foreach (var id in ids)
        {
            Assert.Equal(ClientStatus.Restricted, (await ClientBook.ClientAsync(app, id)).Status);
            var entry = await app.Db(db => db.AuditEntries.SingleAsync(a => a.Action == nameof(RestrictClient) && a.EntityId == id.ToString()));
            Assert.Equal("compliance2", entry.ApproverName);
        }
    }

    [Fact]
    public async Task Bulk_restriction_including_a_client_who_is_not_approved_is_refused_at_once()
    {
        var ids = new[] { await ClientBook.InStatusAsync(app, ClientStatus.Approved), await ClientBook.InStatusAsync(app, ClientStatus.PendingReview) };
        var error = Must.Fail(await app.SendAs("compliance", new BackOffice.Core.Accounts.Crm.BulkRestrictClients(ids, RestrictionCategory.ComplianceHold, "hold")));
        Assert.Contains("pending review", error.Message, StringComparison.Ordinal);
    }
}
