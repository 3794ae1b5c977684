using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Tests.Funds.Withdrawals;
using BackOffice.Web.Features.Funds;
using Bunit;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class WithdrawalPagesTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task The_decision_dialog_shows_the_checks_approves_a_level_and_says_who_may_not_decide()
    {
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app);
        var requested = await WithdrawalBook.RequestAsync(app, account.Id, bank, 12_000m);

        // The requester sees why the buttons are off.
        await using (var requester = await PageTestContext.AsAsync(app, "finance"))
        {
            var dialogs = requester.Context.Render<MudDialogProvider>();
            var page = requester.Context.Render<WithdrawalsPage>();
            var views = page.FindComponent<MudToggleGroup<WithdrawalView>>();
            await page.InvokeAsync(() => views.Instance.ValueChanged.InvokeAsync(WithdrawalView.L1));
            page.WaitForElement($"[data-testid='decide-{requested.Reference}']").Click();
            Assert.Contains("You entered this withdrawal", dialogs.WaitForElement("[data-testid='decision-blocked']").TextContent);
            Assert.True(dialogs.Find("[data-testid='decision-approve']").HasAttribute("disabled"));
        }

        await using var finance2 = await PageTestContext.AsAsync(app, "finance2");
        var dialogs2 = finance2.Context.Render<MudDialogProvider>();
        var mine = finance2.Context.Render<WithdrawalsPage>();
        mine.WaitForElement($"[data-testid='decide-{requested.Reference}']").Click();
        var checks = dialogs2.WaitForElement("[data-testid='decision-checks']");
        Assert.Contains("Available balance", checks.TextContent);
        Assert.Contains("Open positions", checks.TextContent);
        Assert.Equal("L1", dialogs2.Find("[data-testid='decision-level']").TextContent);

        dialogs2.Find("[data-testid='decision-reject']").Click();
        dialogs2.WaitForAssertion(() => Assert.Contains("A reason is required.", dialogs2.Find("[data-testid='decision-error']").TextContent), TimeSpan.FromSeconds(5));
        dialogs2.Find("[data-testid='decision-approve']").Click();
        mine.WaitForAssertion(() => Assert.Empty(mine.FindAll($"[data-testid='decide-{requested.Reference}']")), TimeSpan.FromSeconds(5));
        Assert.Equal(ApprovalLevel.L1, (await WithdrawalBook.LoadAsync(app, requested.WithdrawalId)).ApprovedLevel);

        // At L2 the same person is told another approver is needed.
        var views2 = mine.FindComponent<MudToggleGroup<WithdrawalView>>();
        await mine.InvokeAsync(() => views2.Instance.ValueChanged.InvokeAsync(WithdrawalView.L2));
        mine.WaitForElement($"[data-testid='decide-{requested.Reference}']").Click();
        dialogs2.WaitForAssertion(() => Assert.Contains("approved an earlier level", dialogs2.Find("[data-testid='decision-blocked']").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("L1 by finance2", dialogs2.Find("[data-testid='decision-approval-L1']").TextContent);
    }
}
