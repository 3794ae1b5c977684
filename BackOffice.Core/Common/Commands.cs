using Mediator;

namespace BackOffice.Core.Common;

/// <summary>
/// Every state change in BackOffice is one of these. The pipeline (logging, validation,
/// permission, four-eyes, transaction + audit + outbox, notifications) runs for each.
/// </summary>
public interface IBackOfficeCommand
{
}

public interface IBackOfficeCommand<TResult> : IBackOfficeCommand, ICommand<TResult> where TResult : Result
{
}

/// <summary>The permission the actor must hold. Checked server-side by the pipeline, whatever the UI shows.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}

/// <summary>
/// Marks a command as sensitive: it is stored as a pending operation and executed only when
/// a different staff member holding <see cref="CheckerPermission"/> approves it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FourEyesAttribute(string checkerPermission) : Attribute
{
    public string CheckerPermission { get; } = checkerPermission;

    /// <summary>How long the operation waits for a checker before it expires.</summary>
    public int ExpiresAfterHours { get; init; } = 48;
}

/// <summary>A command run by the system itself (background jobs): no staff permission applies.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SystemCommandAttribute : Attribute
{
}

/// <summary>Commands that describe themselves in words for the checker and the audit trail.</summary>
public interface IDescribedCommand
{
    /// <summary>What will happen, in a sentence a checker can approve or reject.</summary>
    string Describe();

    /// <summary>Why the maker asks for it.</summary>
    string? Reason { get; }
}

/// <summary>A property never written to the audit trail or logs (passwords, secrets).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute
{
}

/// <summary>A property written to the audit trail masked (document numbers, bank details).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute
{
}

/// <summary>
/// Checks that run before a command's transaction opens: for a four-eyes command, before it is
/// stored, so the maker hears "not possible" now instead of the checker later; for any command,
/// checks that must not hold the database's write lock (a call to the trading platform). The
/// handler still checks what it must again inside the transaction.
/// </summary>
public interface ICommandPrecheck<in TMessage>
{
    ValueTask<Error?> CheckAsync(TMessage command, CancellationToken ct);
}
