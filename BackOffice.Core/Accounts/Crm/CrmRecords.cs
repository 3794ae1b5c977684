namespace BackOffice.Core.Accounts.Crm;

public enum CommunicationKind
{
    Call,
    Email,
    Meeting,
    Note,
}

/// <summary>A call, e-mail, meeting or note with a client, as staff recorded it.</summary>
public sealed class Communication
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public CommunicationKind Kind { get; set; }
    public DateTime At { get; set; }
    public string StaffId { get; set; } = "";
    public string StaffName { get; set; } = "";
    public string Summary { get; set; } = "";
}

/// <summary>A follow-up a staff member owes a client by a date.</summary>
public sealed class ClientTask : Common.Data.IVersioned
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public string Title { get; set; } = "";
    public DateTime DueAt { get; set; }
    public string AssigneeId { get; set; } = "";
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public long Version { get; set; }
}
