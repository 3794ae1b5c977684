using BackOffice.Core.Common;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Roles;
using BackOffice.Web.Auth;
using BackOffice.Web.Features.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackOffice.Web.Features.Staff;

public partial class RolesPage
{
    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private static readonly IReadOnlyList<IGrouping<string, PermissionInfo>> Modules =
        PermissionCatalogue.All.GroupBy(p => p.Module).ToList();

    private IReadOnlyList<RoleRow> _roles = [];
    private string? _roleId;
    private HashSet<string> _draft = [];
    private bool _requiresTwoFactor;
    private string? _reason;
    private bool _busy;
    private readonly FieldErrors _errors = new();

    private const string ReasonField = "Reason";

    private RoleRow? Selected => _roles.FirstOrDefault(r => r.Id == _roleId);

    private string[] Granted => Selected is { } role ? _draft.Except(role.Permissions).Order().ToArray() : [];
    private string[] Revoked => Selected is { } role ? role.Permissions.Except(_draft).Order().ToArray() : [];
    private bool TwoFactorChanged => Selected is { } role && role.RequiresTwoFactor != _requiresTwoFactor;

    protected override async Task OnInitializedAsync()
    {
        await Session.LoadAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _roles = await Sender.QueryAsync(new RoleMatrix());
        SelectRole(Selected?.Id ?? _roles.FirstOrDefault()?.Id);
    }

    private void SelectRole(string? roleId)
    {
        _roleId = roleId;
        _reason = null;
        _errors.Clear();
        ResetDraft();
    }

    private void ResetDraft()
    {
        _draft = Selected?.Permissions.ToHashSet() ?? [];
        _requiresTwoFactor = Selected?.RequiresTwoFactor ?? false;
    }

    private void Toggle(string code, bool granted)
    {
        if (granted) _draft.Add(code);
        else _draft.Remove(code);
    }

    private string Marker(string code) =>
        Selected is not { } role ? "" :
        _draft.Contains(code) && !role.Permissions.Contains(code) ? "(to grant)" :
        !_draft.Contains(code) && role.Permissions.Contains(code) ? "(to revoke)" : "";

    private async Task RequestChange()
    {
        if (Selected is not { } role) return;
        var granted = Granted;
        var revoked = Revoked;
        if (granted.Length == 0 && revoked.Length == 0 && !TwoFactorChanged)
        {
            Snackbar.Add("Nothing to change: tick or untick permissions first.", Severity.Warning);
            return;
        }
        _busy = true;
        try
        {
            var reason = _reason?.Trim() ?? "";
            if (granted.Length > 0 || revoked.Length > 0)
            {
                var changed = await Sender.SendAsync(new ChangeRolePermissions(role.Id, role.Name, granted, revoked, reason));
                _errors.From(changed);
                if (!Snackbar.Report(changed)) return;
            }
            if (TwoFactorChanged)
            {
                var twoFactor = await Sender.SendAsync(new SetRoleTwoFactorRequirement(role.Id, role.Name, _requiresTwoFactor, reason));
                _errors.From(twoFactor);
                if (!Snackbar.Report(twoFactor)) return;
            }
            // The matrix changes only when a second administrator approves: show it as it stands.
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
