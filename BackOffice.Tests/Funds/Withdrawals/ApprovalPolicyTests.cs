using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Pages;
using BackOffice.Web.Features.Funds;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Funds.Withdrawals;

[Trait("Category", "Database")]
public sealed class ApprovalPolicyTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public void The_most_specific_rows_win_and_no_match_means_L1()
    {
        var rules = ApprovalPolicy.Defaults();
        Assert.Equal(ApprovalLevel.Automatic, ApprovalPolicy.LevelFor(rules, 500m, RiskLevel.Low, ChannelKind.Card).Level);
        Assert.Equal(ApprovalLevel.L1, ApprovalPolicy.LevelFor(rules, 500m, RiskLevel.Medium, ChannelKind.Card).Level);
        Assert.Equal(ApprovalLevel.L2, ApprovalPolicy.LevelFor(rules, 500m, RiskLevel.High, ChannelKind.Card).Level);
        Assert.Equal(ApprovalLevel.L2, ApprovalPolicy.LevelFor(rules, 12_000m, RiskLevel.Low, ChannelKind.BankWire).Level);
        Assert.Equal(ApprovalLevel.L3, ApprovalPolicy.LevelFor(rules, 60_000m, RiskLevel.High, ChannelKind.BankWire).Level);
        Assert.Equal(ApprovalLevel.L1, ApprovalPolicy.LevelFor([], 5m, RiskLevel.Low, ChannelKind.Card).Level);
    }

    [Fact]
    public async Task A_policy_change_needs_a_second_person_must_cover_every_amount_and_then_decides_new_requests()
    {
        PolicyRow[] gap = [new(0, 1_000, null, null, ApprovalLevel.L1), new(2_000, null, null, null, ApprovalLevel.L2)];
        Must.Fail(await app.SendAs("admin", new ReplaceApprovalPolicy(gap, "tighter")), "validation");
        Must.Fail(await app.SendAs("finance", new ReplaceApprovalPolicy([new(0, null, null, null, ApprovalLevel.L3)], "tighter")), "forbidden");

        var asked = await app.SendAs("admin", new ReplaceApprovalPolicy([new(0, null, null, null, ApprovalLevel.L3)], "Every withdrawal to L3 during the audit"));
        Assert.True(asked.IsPendingApproval);
        Assert.Equal(5, await app.Db(db => db.ApprovalPolicyRules.CountAsync()));
        Must.Succeed(await app.SendAs("admin2", new ApprovePendingOperation(asked.PendingOperationId!.Value, "agreed")));
        Assert.Equal(1, await app.Db(db => db.ApprovalPolicyRules.CountAsync()));

        var (_, account, bank) = await WithdrawalBook.FundedAsync(app, 1_000m);
        Assert.Equal(ApprovalLevel.L3, (await WithdrawalBook.RequestAsync(app, account.Id, bank, 200m)).Level);

        await using var finance = await PageTestContext.AsAsync(app, "finance");
        var readOnly = finance.Context.Render<ApprovalPolicyPage>();
        readOnly.WaitForElement("[data-testid='policy-table']", TimeSpan.FromSeconds(10));
        Assert.Empty(readOnly.FindAll("[data-testid='policy-submit']"));
        await using var manager = await PageTestContext.AsAsync(app, "manager");
        var editable = manager.Context.Render<ApprovalPolicyPage>();
        editable.WaitForElement("[data-testid='policy-submit']", TimeSpan.FromSeconds(10)).Click();
        editable.WaitForAssertion(() => Assert.Contains("A reason is required.", editable.Find("[data-testid='policy-error']").TextContent), TimeSpan.FromSeconds(10));
    }
}
