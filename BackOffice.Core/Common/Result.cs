namespace BackOffice.Core.Common;

/// <summary>An expected failure: a stable code for programs, a sentence for the operator, per-field detail for forms.</summary>
public sealed record Error(string Code, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new("validation", "Some fields need attention: " + string.Join(" ", fields.SelectMany(f => f.Value)), fields);

    public static Error Forbidden(string permission) =>
        new("forbidden", $"You do not have the permission '{permission}' needed for this action.");

    public static Error NotFound(string what) => new("not_found", $"{what} was not found.");

    public static Error Conflict(string message) => new("conflict", message);

    public static Error Rule(string code, string message) => new(code, message);
}

/// <summary>
/// The outcome of a command. A four-eyes command that was stored rather than executed
/// succeeds with <see cref="PendingOperationId"/> set.
/// </summary>
public class Result
{
    protected Result(Error? error, Guid? pendingOperationId)
    {
        Error = error;
        PendingOperationId = pendingOperationId;
    }

    public Error? Error { get; }
    public Guid? PendingOperationId { get; }
    public bool Succeeded => Error is null;
    public bool IsPendingApproval => PendingOperationId is not null;

    public static Result Ok() => new(null, null);
    public static Result Fail(Error error) => new(error, null);
    public static Result<T> Ok<T>(T value) => new(value, null, null);

    public static implicit operator Result(Error error) => Fail(error);

    public override string ToString() => Succeeded ? (IsPendingApproval ? $"pending {PendingOperationId}" : "ok") : $"{Error!.Code}: {Error.Message}";
}

public sealed class Result<T> : Result
{
    internal Result(T? value, Error? error, Guid? pendingOperationId) : base(error, pendingOperationId) => Value = value;

    public T? Value { get; }

    public static implicit operator Result<T>(Error error) => new(default, error, null);
    public static implicit operator Result<T>(T value) => new(value, null, null);
}

/// <summary>Builds a failed or pending result of whatever result type a command declares.</summary>
public static class ResultFactory<TResult> where TResult : Result
{
    private static readonly Func<Error?, Guid?, TResult> Create = Build();

    public static TResult Fail(Error error) => Create(error, null);
    public static TResult Pending(Guid operationId) => Create(null, operationId);

    private static Func<Error?, Guid?, TResult> Build()
    {
        if (typeof(TResult) == typeof(Result))
            return (e, p) => (TResult)(object)new PlainResult(e, p);
        var ctor = typeof(TResult).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
            .Single(c => c.GetParameters().Length == 3);
        return (e, p) => (TResult)ctor.Invoke([null, e, p]);
    }

    private sealed class PlainResult(Error? error, Guid? pending) : Result(error, pending);
}
