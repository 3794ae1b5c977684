using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Core.Kyc.Monitoring;

public enum AmlAlertStatus
{
    Open,
    Investigating,
    ClosedFalsePositive,
    Escalated,
}

/// <summary>
/// A monitoring rule that fired for a client, worked by compliance: claimed, noted, then closed as a false
/// positive or escalated to a suspicious activity report. The same rule over the same events is one alert.
/// </summary>
public sealed class AmlAlert : IVersioned
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public string RuleCode { get; set; } = "";
    public RiskLevel Severity { get; set; }
    public string Sentence { get; set; } = "";

    /// <summary>The ids of the events behind the alert, ascending, comma-separated: the identity duplicates are judged by.</summary>
    public string EventIds { get; set; } = "";

    public DateTime RaisedAt { get; set; }
    public AmlAlertStatus Status { get; set; }
    public string? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    public string? Notes { get; set; }
    public string? ClosedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? CloseReason { get; set; }
    public string? SarReference { get; set; }
    public long Version { get; set; }

    public bool IsOpen => Status is AmlAlertStatus.Open or AmlAlertStatus.Investigating;

    public static string KeyOf(IEnumerable<long> eventIds) => string.Join(",", eventIds.Distinct().Order());

    public void AddNote(string who, string note, DateTime now)
    {
        var line = $"{now:yyyy-MM-dd HH:mm} {who}: {note.Trim()}";
        Notes = Notes is null ? line : Notes + "\n" + line;
    }

    public Error? Close(AmlAlertStatus outcome, string who, string reason, DateTime now)
    {
        if (!IsOpen) return Error.Rule("aml.closed", $"This alert is already {Describe(Status)}.");
        Status = outcome;
        ClosedBy = who;
        ClosedAt = now;
        CloseReason = reason.Trim();
        return null;
    }

    public static string Describe(AmlAlertStatus status) => status switch
    {
        AmlAlertStatus.Open => "open",
        AmlAlertStatus.Investigating => "under investigation",
        AmlAlertStatus.ClosedFalsePositive => "closed as a false positive",
        _ => "escalated",
    };
}
