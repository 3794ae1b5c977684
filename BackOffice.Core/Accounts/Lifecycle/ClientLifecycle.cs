using BackOffice.Core.Common;

namespace BackOffice.Core.Accounts.Lifecycle;

/// <summary>
/// The account lifecycle: Registered → PendingReview ⇄ PendingDocuments → Approved ⇄ Restricted,
/// any → Closed. Every other move is refused with a sentence saying why.
/// </summary>
public static class ClientLifecycle
{
    private static readonly HashSet<(ClientStatus From, ClientStatus To)> Allowed =
    [
        (ClientStatus.Registered, ClientStatus.PendingReview),
        (ClientStatus.PendingReview, ClientStatus.PendingDocuments),
        (ClientStatus.PendingDocuments, ClientStatus.PendingReview),
        (ClientStatus.PendingReview, ClientStatus.Approved),
        (ClientStatus.Approved, ClientStatus.Restricted),
        (ClientStatus.Restricted, ClientStatus.Approved),
        (ClientStatus.Registered, ClientStatus.Closed),
        (ClientStatus.PendingReview, ClientStatus.Closed),
        (ClientStatus.PendingDocuments, ClientStatus.Closed),
        (ClientStatus.Approved, ClientStatus.Closed),
        (ClientStatus.Restricted, ClientStatus.Closed),
    ];

    public static bool CanMove(ClientStatus from, ClientStatus to) => Allowed.Contains((from, to));

    public static IEnumerable<ClientStatus> NextFrom(ClientStatus from) =>
        Enum.GetValues<ClientStatus>().Where(to => CanMove(from, to));

    /// <summary>
    /// Null when the move is legal; otherwise the refusal an operator reads. <paramref name="requiredFrom"/>
    /// names the one status a step starts from where the lifecycle allows several (approving is
    /// for clients in review; unfreezing a restricted client is its own four-eyes step).
    /// </summary>
    public static Error? Check(ClientStatus from, ClientStatus to, ClientStatus? requiredFrom = null)
    {
        if (CanMove(from, to))
            return requiredFrom is { } required && from != required
                ? Error.Rule("client.illegal_transition", $"This step is for clients who are {required.Describe()}; this client is {from.Describe()}.")
                : null;
        if (from == to)
            return Error.Rule("client.same_status", $"The client is already {from.Describe()}.");
        if (from == ClientStatus.Closed)
            return Error.Rule("client.closed", "The client is closed; a closed relationship cannot change status.");
        var next = NextFrom(from).Select(s => s.Describe()).ToList();
        return Error.Rule("client.illegal_transition",
            $"A client who is {from.Describe()} cannot become {to.Describe()}; from here they can only become {string.Join(" or ", next)}.");
    }

    /// <summary>The matrix a new installation starts with; afterwards it is data an administrator edits.</summary>
    public static IEnumerable<StatusCapability> DefaultMatrix()
    {
        var allowed = new Dictionary<ClientStatus, Capability[]>
        {
            [ClientStatus.Registered] = [Capability.ClientArea, Capability.UploadDocuments],
            [ClientStatus.PendingReview] = [Capability.ClientArea, Capability.UploadDocuments],
            [ClientStatus.PendingDocuments] = [Capability.ClientArea, Capability.UploadDocuments],
            [ClientStatus.Approved] = Enum.GetValues<Capability>(),
            // The ceiling of a restriction; each restriction narrows it further (its category's allowances).
            [ClientStatus.Restricted] = [Capability.ClientArea, Capability.UploadDocuments, Capability.Deposit, Capability.ClosePositions],
            [ClientStatus.Closed] = [],
        };
        foreach (var status in Enum.GetValues<ClientStatus>())
            foreach (var capability in Enum.GetValues<Capability>())
                yield return new StatusCapability { Status = status, Capability = capability, Allowed = allowed[status].Contains(capability) };
    }

    /// <summary>What a restriction of each category still allows unless the compliance officer says otherwise.</summary>
    public static IReadOnlyList<Capability> DefaultAllowances(RestrictionCategory category) => category switch
    {
        RestrictionCategory.ExpiredDocuments => [Capability.ClientArea, Capability.UploadDocuments, Capability.ClosePositions],
        RestrictionCategory.AbnormalActivity => [Capability.ClientArea, Capability.ClosePositions],
        RestrictionCategory.InternalReview => [Capability.ClientArea, Capability.UploadDocuments, Capability.Deposit, Capability.ClosePositions],
        RestrictionCategory.ComplianceHold => [Capability.ClientArea, Capability.UploadDocuments],
        RestrictionCategory.SanctionsMatch => [Capability.ClientArea],
        RestrictionCategory.EnhancedDueDiligence => [Capability.ClientArea, Capability.UploadDocuments, Capability.ClosePositions],
        _ => [],
    };
}
