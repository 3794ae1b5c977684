using BackOffice.Core.Common;
using BackOffice.Core.Staff.Profile;
using BackOffice.Web.Auth;
using BackOffice.Web.Features.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using QRCoder;

namespace BackOffice.Web.Features.Staff;

public partial class ProfilePage
{
    private const string TimeZoneField = nameof(SetPreferences.TimeZone);
    private const string CurrentPasswordField = nameof(ChangeOwnPassword.CurrentPassword);
    private const string NewPasswordField = nameof(ChangeOwnPassword.NewPassword);
    private const string CodeField = nameof(ConfirmTwoFactorEnrolment.Code);

    private sealed record Zone(string Id, string Name);

    private static readonly IReadOnlyList<Zone> Zones = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => new Zone(z.Id, z.Id == z.DisplayName ? z.Id : $"{z.Id} — {z.DisplayName}"))
        .OrderBy(z => z.Id, StringComparer.Ordinal).ToList();

    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string _timeZone = "UTC";
    private bool _darkMode;
    private readonly FieldErrors _preferenceErrors = new();

    private string? _currentPassword;
    private string? _newPassword;
    private string? _repeatPassword;
    private string? _repeatError;
    private readonly FieldErrors _passwordErrors = new();

    private TwoFactorSetup? _setup;
    private string? _qrCode;
    private string? _code;
    private readonly FieldErrors _codeErrors = new();

    private string GroupedKey => _setup is null ? "" : string.Join(' ', _setup.SharedKey.Chunk(4).Select(c => new string(c)));

    protected override async Task OnInitializedAsync()
    {
        var me = await Session.LoadAsync();
        _timeZone = me.TimeZone;
        _darkMode = me.DarkMode;
    }

    private async Task SavePreferences()
    {
        var saved = await Sender.SendAsync(new SetPreferences(_timeZone, _darkMode));
        _preferenceErrors.From(saved);
        if (Snackbar.Report(saved))
            await Session.LoadAsync(refresh: true);
    }

    private async Task ChangePassword()
    {
        _repeatError = null;
        if (_newPassword != _repeatPassword)
        {
            _repeatError = "The two new passwords differ.";
            return;
        }
        var changed = await Sender.SendAsync(new ChangeOwnPassword(_currentPassword ?? "", _newPassword ?? ""));
        _passwordErrors.From(changed);
        if (Snackbar.Report(changed, "Your password was changed."))
            _currentPassword = _newPassword = _repeatPassword = null;
    }

    private async Task StartEnrolment()
    {
        var started = await Sender.SendAsync(new StartTwoFactorEnrolment());
        if (!Snackbar.Report(started, "Scan the code, then confirm with the code your app shows.")) return;
        _setup = started.Value!;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(_setup.AuthenticatorUri, QRCodeGenerator.ECCLevel.Q);
        _qrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        _code = null;
        _codeErrors.Clear();
        // Starting replaces any earlier authenticator: the session must know two-factor is off until confirmed.
        await Session.LoadAsync(refresh: true);
    }

    private async Task ConfirmEnrolment()
    {
        var confirmed = await Sender.SendAsync(new ConfirmTwoFactorEnrolment(_code ?? ""));
        _codeErrors.From(confirmed);
        if (!Snackbar.Report(confirmed, "Two-factor sign-in is on.")) return;
        _setup = null;
        _qrCode = null;
        await Session.LoadAsync(refresh: true);
    }
}
