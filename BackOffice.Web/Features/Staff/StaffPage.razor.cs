using BackOffice.Core.Common;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Members;
using BackOffice.Web.Auth;
using BackOffice.Web.Features.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackOffice.Web.Features.Staff;

public partial class StaffPage
{
    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private sealed class NewStaff
    {
        public string UserName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public IReadOnlyCollection<string> Roles { get; set; } = [];
    }

    private IReadOnlyList<StaffRow> _staff = [];
    private IReadOnlyList<string> _roleNames = [];
    private NewStaff _new = new();
    private readonly FieldErrors _errors = new();
    private string? _search;
    private bool _loading = true;
    private bool _busy;
    private bool _showCreate;
    private bool _canChangeRoles;

    protected override async Task OnInitializedAsync()
    {
        await Session.LoadAsync();
        _canChangeRoles = Session.Can(StaffPermissions.RequestRoleChange);
        if (_canChangeRoles)
            _roleNames = (await Sender.QueryAsync(new RoleMatrix())).Select(r => r.Name).ToList();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _staff = await Sender.QueryAsync(new StaffList());
        _loading = false;
    }

    private bool QuickFilter(StaffRow row) =>
        string.IsNullOrWhiteSpace(_search)
        || row.DisplayName.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.UserName.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || (row.Email?.Contains(_search, StringComparison.OrdinalIgnoreCase) ?? false)
        || row.Roles.Any(r => r.Contains(_search, StringComparison.OrdinalIgnoreCase));

    private async Task Create()
    {
        _busy = true;
        try
        {
            var created = await Sender.SendAsync(new CreateStaffMember(_new.UserName.Trim(), _new.DisplayName.Trim(), _new.Email.Trim(), _new.Password));
            _errors.From(created);
            if (!created.Succeeded)
            {
                Snackbar.Report(created);
                return;
            }
            Snackbar.Add($"{_new.DisplayName} can now sign in with the initial password.", Severity.Success);
            if (_new.Roles.Count > 0)
            {
                // The account exists at once; what it may do waits for a second administrator.
                Snackbar.Report(await Sender.SendAsync(new AssignStaffRoles(created.Value!, _new.DisplayName.Trim(), _new.Roles.Order().ToArray(),
                    "New staff member")));
            }
            _new = new NewStaff();
            _showCreate = false;
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task Disable(StaffRow row)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, $"Disable {row.DisplayName}",
            "They are signed out at once and cannot sign in until enabled again.", confirmText: "Disable", confirmColour: Color.Error,
            confirmTestId: "confirm-disable");
        if (reason is null) return;
        Snackbar.Report(await Sender.SendAsync(new DisableStaffMember(row.Id, reason)));
        await LoadAsync();
    }

    private async Task Enable(StaffRow row)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, $"Enable {row.DisplayName}", confirmText: "Enable", confirmTestId: "confirm-enable");
        if (reason is null) return;
        Snackbar.Report(await Sender.SendAsync(new EnableStaffMember(row.Id, reason)));
        await LoadAsync();
    }

    private async Task ResetTwoFactor(StaffRow row)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, $"Reset two-factor of {row.DisplayName}",
            "Their authenticator stops working; they set up a new one at their next sign-in.", confirmText: "Reset",
            confirmColour: Color.Warning, confirmTestId: "confirm-reset2fa");
        if (reason is null) return;
        Snackbar.Report(await Sender.SendAsync(new ResetStaffTwoFactor(row.Id, reason)));
        await LoadAsync();
    }

    private async Task ChangeRoles(StaffRow row)
    {
        var parameters = new DialogParameters<ChangeRolesDialog>
        {
            { d => d.AllRoles, _roleNames },
            { d => d.CurrentRoles, row.Roles },
        };
        var dialog = await Dialogs.ShowAsync<ChangeRolesDialog>($"Roles of {row.DisplayName}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: ChangeRolesDialog.Choice choice }) return;
        Snackbar.Report(await Sender.SendAsync(new AssignStaffRoles(row.Id, row.DisplayName, choice.Roles, choice.Reason)));
        await LoadAsync();
    }
}
