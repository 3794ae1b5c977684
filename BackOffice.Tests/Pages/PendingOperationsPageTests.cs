using BackOffice.Core.Staff;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Staff.Roles;
using BackOffice.Web.Features.Operations;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class PendingOperationsPageTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public PendingOperationsPageTests(SharedApp app) => _app = app;

    private async Task<Guid> RequestAsync(string roleName, string permission)
    {
        var role = await _app.Db(db => db.Roles.FirstAsync(r => r.Name == roleName));
        var result = await _app.SendAs("admin", new ChangeRolePermissions(role.Id, role.Name!, [permission], [], "needed for the page test"));
        return result.PendingOperationId!.Value;
    }

    private Task<PendingOperationStatus> StatusOf(Guid id) => _app.Db(db => db.PendingOperations.Where(o => o.Id == id).Select(o => o.Status).FirstAsync());

    [Fact]
    public async Task The_checker_approves_from_the_page_and_the_operation_runs()
    {
        var id = await RequestAsync(DefaultRoles.Manager, StaffPermissions.ViewSecurity);
        await using var page = await PageTestContext.AsAsync(_app, "admin2");
        var dialogs = page.Context.Render<MudDialogProvider>();
        var cut = page.Context.Render<PendingOperationsPage>();

        cut.WaitForElement($"[data-testid='approve-{id}']").Click();
        dialogs.WaitForElement("[data-testid='confirm-approve']").Click();

        cut.WaitForAssertion(() => Assert.Equal(PendingOperationStatus.Approved, StatusOf(id).GetAwaiter().GetResult()), TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid='op-{id}']")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Rejecting_needs_a_note_and_then_records_it()
    {
        var id = await RequestAsync(DefaultRoles.Support, StaffPermissions.ViewSecurity);
        await using var page = await PageTestContext.AsAsync(_app, "admin2");
        var dialogs = page.Context.Render<MudDialogProvider>();
        var cut = page.Context.Render<PendingOperationsPage>();

        cut.WaitForElement($"[data-testid='reject-{id}']").Click();
        dialogs.WaitForElement("[data-testid='confirm-reject']").Click();
        Assert.Equal(PendingOperationStatus.Pending, await StatusOf(id)); // refused without a note

        dialogs.Find("[data-testid='decision-note']").Input("Not needed for support work");
        dialogs.Find("[data-testid='confirm-reject']").Click();
        cut.WaitForAssertion(() => Assert.Equal(PendingOperationStatus.Rejected, StatusOf(id).GetAwaiter().GetResult()), TimeSpan.FromSeconds(5));
        var op = await _app.Db(db => db.PendingOperations.FirstAsync(o => o.Id == id));
        Assert.Equal("Not needed for support work", op.DecisionNote);
    }

    [Fact]
    public async Task The_maker_sees_no_approve_button_on_their_own_request_but_can_cancel_it()
    {
        var id = await RequestAsync(DefaultRoles.Risk, StaffPermissions.ViewSecurity);
        await using var page = await PageTestContext.AsAsync(_app, "admin");
        var cut = page.Context.Render<PendingOperationsPage>();
        cut.WaitForState(() => !cut.Markup.Contains("mud-progress", StringComparison.Ordinal) || cut.FindAll("[data-testid='no-operations']").Count > 0, TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll($"[data-testid='approve-{id}']"));

        cut.FindAll(".mud-tab").First(t => t.TextContent.Contains("Made by me", StringComparison.Ordinal)).Click();
        cut.WaitForElement($"[data-testid='cancel-{id}']").Click();
        cut.WaitForAssertion(() => Assert.Equal(PendingOperationStatus.Cancelled, StatusOf(id).GetAwaiter().GetResult()), TimeSpan.FromSeconds(5));
    }
}
