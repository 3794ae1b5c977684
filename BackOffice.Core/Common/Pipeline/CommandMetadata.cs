using System.Reflection;

namespace BackOffice.Core.Common.Pipeline;

/// <summary>What a command type declares about itself, read once per type.</summary>
public static class CommandMetadata<TMessage>
{
    public static readonly string Name = typeof(TMessage).Name;
    public static readonly string? Permission = typeof(TMessage).GetCustomAttribute<RequiresPermissionAttribute>()?.Permission;
    public static readonly FourEyesAttribute? FourEyes = typeof(TMessage).GetCustomAttribute<FourEyesAttribute>();
    public static readonly bool IsSystem = typeof(TMessage).GetCustomAttribute<SystemCommandAttribute>() is not null;
}

public static class Permissions
{
    /// <summary>Any enabled, signed-in staff member (own profile, own password).</summary>
    public const string SignedIn = "signed-in";
}
