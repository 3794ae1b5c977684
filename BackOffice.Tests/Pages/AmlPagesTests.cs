using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Kyc.Monitoring;
using BackOffice.Web.Features.Kyc;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class AmlPagesTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task The_aml_queue_shows_an_alert_and_escalating_it_with_a_reason_files_a_report_and_restricts_the_client()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var recorded = await MonitoringBook.RecordAsync(app, MonitoringBook.Login(id, app.Clock.GetUtcNow().UtcDateTime, "KP"));
        var alertId = Assert.Single(recorded.AlertIds);
        await using var compliance = await PageTestContext.AsAsync(app, "compliance");
        var dialogs = compliance.Context.Render<MudDialogProvider>();

        var page = compliance.Context.Render<AmlAlertsPage>();
        var row = page.WaitForElement($"[data-testid='aml-{alertId}']");
        Assert.Contains("high-risk country access", row.TextContent);
        Assert.Contains("North Korea", row.TextContent);
        Assert.Contains($"/kyc/clients/{id}", row.InnerHtml);
        Assert.Equal("Open", page.Find($"[data-testid='aml-status-{alertId}']").TextContent.Trim());

        page.Find($"[data-testid='claim-{alertId}']").Click();
        page.WaitForAssertion(() => Assert.Equal("Investigating", page.Find($"[data-testid='aml-status-{alertId}']").TextContent.Trim()), TimeSpan.FromSeconds(5));

        page.Find($"[data-testid='escalate-{alertId}']").Click();
        dialogs.WaitForElement("[data-testid='confirm-escalate']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Reason is required", dialogs.Markup), TimeSpan.FromSeconds(5));
        dialogs.Find("[data-testid='reason']").Input("Logins from North Korea the client cannot explain");
        dialogs.Find("[data-testid='confirm-escalate']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid='aml-{alertId}']")), TimeSpan.FromSeconds(5));
        var alert = await app.Db(db => db.AmlAlerts.SingleAsync(a => a.Id == alertId));
        Assert.Equal(AmlAlertStatus.Escalated, alert.Status);
        Assert.StartsWith("SAR-", alert.SarReference);
        Assert.Equal(ClientStatus.Restricted, (await ClientBook.ClientAsync(app, id)).Status);

        var showClosed = page.FindComponent<MudSwitch<bool>>();
        await page.InvokeAsync(() => showClosed.Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.Equal(alert.SarReference, page.Find($"[data-testid='aml-status-{alertId}']").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Support_cannot_query_the_aml_queue()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.QueryAs("support", new AmlAlertQueue()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.QueryAs("support", new MonitoringRules()));
    }

    [Fact]
    public async Task The_rules_page_saves_a_threshold_with_a_reason()
    {
        await using var compliance = await PageTestContext.AsAsync(app, "compliance");
        var dialogs = compliance.Context.Render<MudDialogProvider>();
        var page = compliance.Context.Render<MonitoringRulesPage>();
        page.WaitForElement($"[data-testid='rule-{Structuring.RuleCode}']");
        Assert.Equal(7, page.FindAll("[data-testid^='rule-']").Count);

        // Only structuring counts deposits with MinCount.
        var field = page.FindComponents<MudNumericField<decimal>>().Single(f => f.Instance.Label == "MinCount");
        await page.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(4));
        page.Find($"[data-testid='save-{Structuring.RuleCode}']").Click();
        dialogs.WaitForElement("[data-testid='reason']").Input("Fewer false positives at three");
        dialogs.Find("[data-testid='confirm-rule']").Click();

        page.WaitForAssertion(() => Assert.Equal(4, app.Db(db => db.MonitoringRules.SingleAsync(r => r.Code == Structuring.RuleCode)).GetAwaiter().GetResult()
            .ThresholdValues["MinCount"]), TimeSpan.FromSeconds(5));
    }
}
