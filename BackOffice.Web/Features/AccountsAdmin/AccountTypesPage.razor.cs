using BackOffice.Core.Accounts;
using BackOffice.Core.Accounts.AccountTypes;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Web.Auth;
using BackOffice.Web.Features.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackOffice.Web.Features.AccountsAdmin;

public partial class AccountTypesPage
{
    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<AccountType> _types = [];
    private AccountsLookups? _lookups;
    private string? _newStage;
    private IReadOnlyDictionary<(ClientStatus, Capability), bool> _matrix = new Dictionary<(ClientStatus, Capability), bool>();
    private AccountType? _editing;
    private int? _editingId;
    private long _editingVersion;
    private decimal _minDeposit;
    private readonly FieldErrors _errors = new();

    protected override async Task OnInitializedAsync()
    {
        await Session.LoadAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _lookups = await Sender.QueryAsync(new GetAccountsLookups());
        _types = _lookups.AccountTypes;
        _matrix = await Sender.QueryAsync(new CapabilityMatrix());
    }

    private void Edit(AccountType t)
    {
        _editingId = t.Id;
        _editingVersion = t.Version;
        _editing = new AccountType
        {
            Name = t.Name, PlatformGroup = t.PlatformGroup, Currencies = t.Currencies, DefaultLeverage = t.DefaultLeverage, MaxLeverage = t.MaxLeverage,
            AllowedLeverages = t.AllowedLeverages, MinFirstDepositMinor = t.MinFirstDepositMinor, SwapFree = t.SwapFree, IsDemo = t.IsDemo, Active = t.Active,
        };
        _minDeposit = t.MinFirstDepositMinor / 100m;
        _errors.Clear();
    }

    private void New()
    {
        _editingId = null;
        _editing = new AccountType { Currencies = "USD", DefaultLeverage = 100, MaxLeverage = 500, AllowedLeverages = "1,10,50,100,200,500" };
        _minDeposit = 100;
        _errors.Clear();
    }

    private async Task SaveAsync()
    {
        var e = _editing!;
        int[] leverages;
        try
        {
            leverages = e.AllowedLeverages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        }
        catch (Exception parse) when (parse is FormatException or OverflowException)
        {
            Snackbar.Add("Allowed leverages are whole numbers separated by commas.", Severity.Warning);
            return;
        }
        var settings = new AccountTypeSettings(e.Name, e.PlatformGroup, e.Currencies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            e.DefaultLeverage, e.MaxLeverage, leverages, (long)Math.Round(_minDeposit * 100), e.SwapFree, e.IsDemo, e.Active);
        Result result;
        if (_editingId is { } id)
        {
            var reason = await ReasonDialog.AskAsync(Dialogs, $"Change {e.Name}", "Applies to accounts opened from now on.");
            if (reason is null) return;
            result = await Sender.SendAsync(new UpdateAccountType(id, settings, reason, _editingVersion));
        }
        else
            result = await Sender.SendAsync(new CreateAccountType(settings));
        _errors.From(result);
        if (!Snackbar.Report(result, "Saved")) return;
        _editing = null;
        await LoadAsync();
    }

    private async Task AddStageAsync()
    {
        if (Snackbar.Report(await Sender.SendAsync(new Core.Accounts.Crm.DefineSalesStage(_newStage ?? "", (_lookups?.SalesStages.Count ?? 0) + 1)), "Stage added"))
        {
            _newStage = null;
            await LoadAsync();
        }
    }

    private async Task RetireStageAsync(string stage)
    {
        Snackbar.Report(await Sender.SendAsync(new Core.Accounts.Crm.RetireSalesStage(stage)), $"{stage} retired");
        await LoadAsync();
    }

    private async Task ToggleAsync(ClientStatus status, Capability capability, bool allowed)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, $"{(allowed ? "Allow" : "Forbid")} {capability.Describe()} for {status.Describe()} clients",
            "This applies to every client in this status at once.");
        if (reason is not null)
            Snackbar.Report(await Sender.SendAsync(new SetStatusCapability(status, capability, allowed, reason)));
        await LoadAsync();
    }
}
