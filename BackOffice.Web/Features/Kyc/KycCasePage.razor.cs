using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;
using BackOffice.Web.Auth;
using BackOffice.Web.Features.Shared;
using BackOffice.Web.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackOffice.Web.Features.Kyc;

public partial class KycCasePage : IDisposable
{
    [Parameter] public long ClientId { get; set; }

    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private LiveConnection Live { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private KycCaseView? _view;
    private bool _missing;
    private KycDocument? _selected;
    private DocumentDataForm.Model _data = new();
    private readonly FieldErrors _errors = new();

    protected override async Task OnParametersSetAsync()
    {
        await Session.LoadAsync();
        Live.CountersChanged -= OnCountersChanged;
        Live.CountersChanged += OnCountersChanged;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _view = await Sender.QueryAsync(new GetKycCase(ClientId));
        _missing = _view is null;
        if (_view is null) return;
        // Keep the reviewer on the document they had open (or its newest version); otherwise the first one waiting.
        var keep = _selected is { } s ? _view.Documents.FirstOrDefault(d => d.Id == s.Id) : null;
        var selected = keep ?? _view.Requirements.Select(r => r.Latest).FirstOrDefault(d => d?.Status == DocumentStatus.Submitted)
                       ?? _view.Requirements.Select(r => r.Latest).FirstOrDefault(d => d is not null);
        if (selected?.Id != _selected?.Id || selected?.Version != _selected?.Version) Select(selected);
    }

    private void Select(KycDocument? document)
    {
        _selected = document;
        _data = document is null ? new() : DocumentDataForm.Model.From(document.Data);
        _errors.Clear();
    }

    private static string SizeOf(long bytes) => bytes < 1024 ? $"{bytes} bytes" : bytes < 1024 * 1024 ? $"{bytes / 1024d:0.#} KB" : $"{bytes / 1024d / 1024d:0.#} MB";

    private static string FileUrl(KycDocument d) => $"/kyc/documents/{d.Id}/file";

    private static Color ColourOf(DocumentStatus? status) => status switch
    {
        DocumentStatus.Accepted => Color.Success,
        DocumentStatus.Rejected => Color.Error,
        DocumentStatus.Submitted => Color.Info,
        DocumentStatus.Superseded => Color.Default,
        _ => Color.Warning,
    };

    private async Task<bool> RunAsync(Result result, string? done = null)
    {
        _errors.From(result);
        var ok = Snackbar.Report(result, done);
        if (ok) await ReloadAsync();
        return ok;
    }

    private async Task ClaimAsync() => await RunAsync(await Sender.SendAsync(new ClaimKycCase(ClientId)), "The case is yours");

    private async Task SaveDataAsync() =>
        await RunAsync(await Sender.SendAsync(new RecordDocumentData(_selected!.Id, _data.ToData(), _selected.Version)), "Saved");

    private async Task AcceptAsync() =>
        await RunAsync(await Sender.SendAsync(new AcceptDocument(_selected!.Id, _data.ToData(), _selected.Version)), "Document accepted");

    private async Task RejectAsync()
    {
        var dialog = await Dialogs.ShowAsync<RejectDocumentDialog>($"Reject {DocumentType.NameOf(_selected!.Type).ToLowerInvariant()}",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false, Data: RejectDocumentDialog.Choice choice })
            await RunAsync(await Sender.SendAsync(new RejectDocument(_selected.Id, choice.Reason, choice.Note, _selected.Version)),
                "Document rejected; the client has been asked for a new one");
    }

    private async Task UploadAsync(string? type)
    {
        var dialog = await Dialogs.ShowAsync<UploadDocumentDialog>("Upload a document",
            new DialogParameters<UploadDocumentDialog> { { d => d.ClientId, ClientId }, { d => d.Kind, _view!.Client.Kind }, { d => d.Type, type } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false, Data: long id })
        {
            Snackbar.Add("Document uploaded", Severity.Success);
            await ReloadAsync();
            Select(_view?.Documents.FirstOrDefault(d => d.Id == id));
        }
    }

    private async Task ApproveAsync()
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, "Approve client", $"{_view!.Client.DisplayName}: every check above holds.",
            confirmText: "Approve", confirmTestId: "confirm-approve");
        if (reason is not null) await RunAsync(await Sender.SendAsync(new ApproveClient(ClientId, reason)), "Client approved");
    }

    private async Task RequestDocumentsAsync()
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, "Request documents", "Say what the client must send; the reason is kept on their timeline.",
            confirmText: "Request", confirmTestId: "confirm-request-documents");
        if (reason is not null) await RunAsync(await Sender.SendAsync(new RequestClientDocuments(ClientId, reason)));
    }

    // An upload from the portal or a colleague's decision moves the KYC counters: show the case as it is now.
    private void OnCountersChanged() => _ = InvokeAsync(async () =>
    {
        await ReloadAsync();
        StateHasChanged();
    });

    public void Dispose() => Live.CountersChanged -= OnCountersChanged;
}
