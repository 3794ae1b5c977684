namespace BackOffice.Core.Accounts.Lifecycle;

/// <summary>
/// One move of a client along the lifecycle, kept so reports can say when a client was first approved (time to approve,
/// the funnel) after later moves have changed the status. Written by every status change (<see cref="ClientMoves"/>).
/// </summary>
public sealed class ClientStatusChange
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public ClientStatus From { get; set; }
    public ClientStatus To { get; set; }
    public DateTime At { get; set; }
}
