using BackOffice.Core.Common;
using MudBlazor;

namespace BackOffice.Web.Features.Shared;

/// <summary>How every page tells the operator what a command did.</summary>
public static class Outcome
{
    public const string Done = "Done";
    public const string SentForApproval = "Sent for approval by a second staff member";

    /// <summary>Shows the result; true when the command ran or was stored for approval.</summary>
    public static bool Report(this ISnackbar snackbar, Result result, string? done = null)
    {
        if (!result.Succeeded)
        {
            snackbar.Add(result.Error!.Message, Severity.Error);
            return false;
        }
        if (result.IsPendingApproval)
            snackbar.Add(SentForApproval, Severity.Info);
        else
            snackbar.Add(done ?? Done, Severity.Success);
        return true;
    }
}

/// <summary>Validation messages of the last command, per field, to show next to the inputs.</summary>
public sealed class FieldErrors
{
    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    public void From(Result result) => _fields = result.Error?.Fields ?? new Dictionary<string, string[]>();

    public void Clear() => _fields = new Dictionary<string, string[]>();

    public bool Has(string field) => _fields.ContainsKey(field);

    public string? For(string field) => _fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
