using Microsoft.AspNetCore.Identity;

namespace BackOffice.Core.Staff;

public sealed class StaffMember : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>IANA time zone the operator reads times in.</summary>
    public string TimeZone { get; set; } = "UTC";

    public bool DarkMode { get; set; }

    /// <summary>A new authenticator key being enrolled; the current one keeps working until a code from the new one is confirmed.</summary>
    [Common.Secret]
    public string? PendingAuthenticatorKey { get; set; }

    /// <summary>The last authenticator time step accepted: a code is never accepted twice.</summary>
    public long? LastTotpStep { get; set; }
}

public sealed class StaffRole : IdentityRole
{
    public string Description { get; set; } = "";

    /// <summary>Members must sign in with an authenticator code.</summary>
    public bool RequiresTwoFactor { get; set; }
}

public sealed class RolePermission
{
    public string RoleId { get; set; } = "";
    public string Permission { get; set; } = "";
}

public enum LoginEventKind
{
    Success,
    Failure,
    LockedOut,
    TwoFactorFailure,
    NewIp,
    Logout,
}

public sealed class LoginEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime At { get; set; }
    public string? StaffId { get; set; }
    public string UserName { get; set; } = "";
    public LoginEventKind Kind { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
}
