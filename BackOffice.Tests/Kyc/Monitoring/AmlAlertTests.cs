using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Tests.Kyc.Monitoring.MonitoringBook;

namespace BackOffice.Tests.Kyc.Monitoring;

[Trait("Category", "Database")]
public sealed class AmlAlertTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A login from North Korea: one high-severity alert for the client.</summary>
    private async Task<AmlAlert> AlertForAsync(long clientId)
    {
        var recorded = await RecordAsync(app, Login(clientId, Now, "KP"));
        var id = Assert.Single(recorded.AlertIds);
        return await AlertAsync(id);
    }

    private Task<AmlAlert> AlertAsync(long id) => app.Db(db => db.AmlAlerts.SingleAsync(a => a.Id == id));

    [Fact]
    public async Task Claim_then_notes_are_kept_with_who_and_when()
    {
        var alert = await AlertForAsync(await ClientBook.RegisterAsync(app));
        Must.Succeed(await app.SendAs("compliance", new AssignAmlAlert(alert.Id)));
        Must.Succeed(await app.SendAs("compliance", new AddAmlAlertNote(alert.Id, "Client travels for work; asked for a boarding pass.")));
        Must.Fail(await app.SendAs("compliance2", new AssignAmlAlert(alert.Id)), "aml.claimed");

        var worked = await AlertAsync(alert.Id);
        Assert.Equal(AmlAlertStatus.Investigating, worked.Status);
        Assert.Equal("Chris Compliance", worked.AssigneeName);
        Assert.Contains("Chris Compliance: Client travels for work", worked.Notes);
    }

    [Fact]
    public async Task Assigning_to_someone_who_does_not_work_aml_alerts_is_refused()
    {
        var alert = await AlertForAsync(await ClientBook.RegisterAsync(app));
        var support = await app.Db(db => db.Users.Where(u => u.UserName == "support").Select(u => u.Id).SingleAsync());
        Must.Fail(await app.SendAs("compliance", new AssignAmlAlert(alert.Id, support)), "aml.assignee_cannot_work");
        var colleague = await app.Db(db => db.Users.Where(u => u.UserName == "compliance2").Select(u => u.Id).SingleAsync());
        Must.Succeed(await app.SendAs("compliance", new AssignAmlAlert(alert.Id, colleague)));
        Assert.Equal("Casey Compliance", (await AlertAsync(alert.Id)).AssigneeName);
    }

    [Fact]
    public async Task Close_as_false_positive_keeps_the_reason_and_the_client_untouched()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var alert = await AlertForAsync(id);
        Must.Fail(await app.SendAs("compliance", new CloseAmlAlertAsFalsePositive(alert.Id, " ")), "validation");
        Must.Succeed(await app.SendAs("compliance", new CloseAmlAlertAsFalsePositive(alert.Id, "VPN exit node; client confirmed by phone")));

        var closed = await AlertAsync(alert.Id);
        Assert.Equal(AmlAlertStatus.ClosedFalsePositive, closed.Status);
        Assert.Equal("Chris Compliance", closed.ClosedBy);
        Assert.Equal("VPN exit node; client confirmed by phone", closed.CloseReason);
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);
        Must.Fail(await app.SendAs("compliance", new EscalateAmlAlert(alert.Id, "Changed my mind")), "aml.closed");
        var audit = await app.Db(db => db.AuditEntries.Where(a => a.EntityType == nameof(AmlAlert) && a.EntityId == alert.Id.ToString()).ToListAsync());
        Assert.Contains(audit, a => a.Reason == "VPN exit node; client confirmed by phone");
    }

    [Fact]
    public async Task Escalation_restricts_an_approved_client_and_files_a_report_under_a_new_reference()
    {
        Must.Succeed(await app.SendAs("admin", new AddWebhookSubscription("Case management", "https://cases.example/sar", "kyc.sar_filed")));
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var first = await AlertForAsync(id);
        var escalated = await app.SendAs("compliance", new EscalateAmlAlert(first.Id, "Logins from North Korea with no explanation"));
        Must.Succeed(escalated);

        Assert.Matches(@"^SAR-\d{4}-\d{6}$", escalated.Value);
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Restricted, client.Status);
        Assert.Equal(RestrictionCategory.AbnormalActivity, client.RestrictionCategory);
        var alert = await AlertAsync(first.Id);
        Assert.Equal(AmlAlertStatus.Escalated, alert.Status);
        Assert.Equal(escalated.Value, alert.SarReference);
        var report = await app.Db(db => db.SuspiciousActivityReports.SingleAsync(r => r.AmlAlertId == first.Id));
        Assert.Equal((escalated.Value, id, "Chris Compliance"), (report.Reference, report.ClientId, report.FiledBy));
        Assert.Equal(1, await app.Db(db => db.Outbox.CountAsync(m => m.EventType == "kyc.sar_filed" && m.Payload.Contains(escalated.Value!))));

        var other = await AlertForAsync(await ClientBook.RegisterAsync(app));
        var next = await app.SendAs("compliance", new EscalateAmlAlert(other.Id, "Same pattern"));
        Must.Succeed(next);
        Assert.True(string.CompareOrdinal(next.Value, escalated.Value) > 0);
    }

    [Fact]
    public async Task Escalation_keeps_another_restriction_in_place()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(id, RestrictionCategory.ComplianceHold, "Court order")));
        var held = await ClientBook.ClientAsync(app, id);
        Assert.Equal((ClientStatus.Restricted, RestrictionCategory.ComplianceHold), (held.Status, held.RestrictionCategory));

        var alert = await AlertForAsync(id);
        Must.Succeed(await app.SendAs("compliance", new EscalateAmlAlert(alert.Id, "Suspicious logins")));

        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal((ClientStatus.Restricted, RestrictionCategory.ComplianceHold), (client.Status, client.RestrictionCategory));
        Assert.NotNull((await AlertAsync(alert.Id)).SarReference);
    }

    [Fact]
    public async Task Staff_without_the_aml_permission_cannot_work_alerts()
    {
        var alert = await AlertForAsync(await ClientBook.RegisterAsync(app));
        foreach (var user in new[] { "support", "finance", "manager" })
        {
            Must.Fail(await app.SendAs(user, new AssignAmlAlert(alert.Id)), "forbidden");
            Must.Fail(await app.SendAs(user, new AddAmlAlertNote(alert.Id, "note")), "forbidden");
            Must.Fail(await app.SendAs(user, new CloseAmlAlertAsFalsePositive(alert.Id, "fine")), "forbidden");
            Must.Fail(await app.SendAs(user, new EscalateAmlAlert(alert.Id, "bad")), "forbidden");
        }
        Assert.Equal(AmlAlertStatus.Open, (await AlertAsync(alert.Id)).Status);
    }
}
