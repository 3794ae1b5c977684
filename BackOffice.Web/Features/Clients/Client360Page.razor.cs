using BackOffice.Core.Accounts;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Crm;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Kyc;
using BackOffice.Web.Auth;
using BackOffice.Web.Features.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackOffice.Web.Features.Clients;

public partial class Client360Page
{
    [Parameter] public long ClientId { get; set; }

    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Client360? _view;
    private bool _missing;
    private int _tab;
    private int _documentsVersion;

    private sealed record PageAction(string Label, string TestId, Color Colour, Func<Task> Run);

    protected override async Task OnParametersSetAsync()
    {
        await Session.LoadAsync();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _view = await Sender.QueryAsync(new GetClient360(ClientId));
        _missing = _view is null;
    }

    /// <summary>What this staff member can do with this client now: the lifecycle's next steps their permissions allow.</summary>
    private IEnumerable<PageAction> Actions()
    {
        var status = _view!.Profile.Status;
        var id = _view.Profile.Id;
        if (Session.Can(AccountsPermissions.Review))
        {
            if (status == ClientStatus.Registered)
                yield return Transition("Submit for review", "action-submit", Color.Primary, r => new SubmitClientForReview(id, r));
            if (status == ClientStatus.PendingReview)
            {
                yield return Transition("Approve", "action-approve", Color.Success, r => new ApproveClient(id, r));
                yield return Transition("Request documents", "action-request-documents", Color.Default, r => new RequestClientDocuments(id, r));
            }
            if (status == ClientStatus.PendingDocuments)
                yield return Transition("Documents received", "action-return-to-review", Color.Primary, r => new ReturnClientToReview(id, r));
        }
        if (Session.Can(AccountsPermissions.Restrict))
        {
            if (status == ClientStatus.Approved)
                yield return new("Restrict…", "action-restrict", Color.Warning, RestrictAsync);
            if (status == ClientStatus.Restricted)
                yield return Transition("Lift restriction", "action-lift", Color.Success, r => new LiftClientRestriction(id, r),
                    "Lifting a restriction needs a second compliance officer's approval.");
        }
        if (status != ClientStatus.Closed && Session.Can(KycPermissions.Upload))
            yield return new("Upload document…", "action-upload-document", Color.Default, UploadDocumentAsync);
        if (status != ClientStatus.Closed && Session.Can(AccountsPermissions.EditProfile))
            yield return new("Edit profile…", "action-edit-profile", Color.Default, EditProfileAsync);
        if (status != ClientStatus.Closed && Session.Can(AccountsPermissions.OpenAccount))
            yield return new("Open account…", "action-open-account", Color.Default, OpenAccountAsync);
        if (Session.Can(AccountsPermissions.Crm))
        {
            yield return new("Log communication…", "action-communication", Color.Default, () => FollowUpAsync(task: false));
            yield return new("Add task…", "action-task", Color.Default, () => FollowUpAsync(task: true));
        }
        if (status != ClientStatus.Closed && Session.Can(AccountsPermissions.Close))
        {
            yield return Transition("Close (client's request)", "action-close", Color.Error, r => new CloseClient(id, r),
                "Refused while a live account has open positions or money on it.");
            yield return Transition("Terminate…", "action-terminate", Color.Error, r => new TerminateClient(id, r),
                "The broker ends the relationship. A second staff member must approve.");
        }
    }

    private PageAction Transition(string label, string testId, Color colour, Func<string, IBackOfficeCommand<Result>> command, string? message = null) =>
        new(label, testId, colour, async () =>
        {
            var reason = await ReasonDialog.AskAsync(Dialogs, label, message ?? $"{_view!.Profile.DisplayName}: the reason is kept on the client's timeline.",
                confirmText: label, confirmTestId: "confirm-" + testId);
            if (reason is null) return;
            if (Snackbar.Report(await Sender.SendAsync(command(reason))))
                await ReloadAsync();
        });

    private async Task RestrictAsync()
    {
        var matrix = await Sender.QueryAsync(new CapabilityMatrix());
        var ceiling = Enum.GetValues<Capability>().Where(c => matrix.GetValueOrDefault((ClientStatus.Restricted, c))).ToList();
        var dialog = await Dialogs.ShowAsync<RestrictDialog>($"Restrict {_view!.Profile.DisplayName}",
            new DialogParameters<RestrictDialog> { { d => d.Ceiling, ceiling } }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false, Data: RestrictDialog.Choice choice }
            && Snackbar.Report(await Sender.SendAsync(new RestrictClient(_view.Profile.Id, choice.Category, choice.Reason, choice.Allows))))
            await ReloadAsync();
    }

    private async Task UploadDocumentAsync()
    {
        var dialog = await Dialogs.ShowAsync<Kyc.UploadDocumentDialog>("Upload a document",
            new DialogParameters<Kyc.UploadDocumentDialog> { { d => d.ClientId, _view!.Profile.Id }, { d => d.Kind, _view.Profile.Kind } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false })
        {
            Snackbar.Add("Document uploaded", Severity.Success);
            _documentsVersion++;
            await ReloadAsync();
        }
    }

    private async Task EditProfileAsync()
    {
        var dialog = await Dialogs.ShowAsync<EditProfileDialog>($"Edit {_view!.Profile.DisplayName}",
            new DialogParameters<EditProfileDialog> { { d => d.Client, _view.Profile } }, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false })
        {
            Snackbar.Add("Profile updated", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task OpenAccountAsync()
    {
        var lookups = await Sender.QueryAsync(new GetAccountsLookups());
        var dialog = await Dialogs.ShowAsync<OpenAccountDialog>("Open a trading account",
            new DialogParameters<OpenAccountDialog> { { d => d.Types, lookups.AccountTypes } }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false, Data: OpenAccountDialog.Choice choice }
            && Snackbar.Report(await Sender.SendAsync(new OpenTradingAccount(_view!.Profile.Id, choice.AccountTypeId, choice.Currency, choice.Leverage)),
                "Account opened; it is being created on the platform"))
        {
            await ReloadAsync();
            _tab = 2;
        }
    }

    private async Task FollowUpAsync(bool task)
    {
        var lookups = await Sender.QueryAsync(new GetAccountsLookups());
        var dialog = await Dialogs.ShowAsync<FollowUpDialog>(task ? "Add a follow-up task" : "Log a communication", new DialogParameters<FollowUpDialog>
        {
            { d => d.ClientId, _view!.Profile.Id },
            { d => d.Task, task },
            { d => d.Staff, lookups.Staff },
            { d => d.Me, Session.Me?.StaffId },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false })
        {
            Snackbar.Add(task ? "Task added" : "Communication recorded", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task CompleteTaskAsync(long taskId)
    {
        if (Snackbar.Report(await Sender.SendAsync(new CompleteClientTask(taskId)), "Task done"))
            await ReloadAsync();
    }
}
