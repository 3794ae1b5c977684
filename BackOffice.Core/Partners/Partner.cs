using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Partners;

public enum PartnerStatus
{
    Active,

    /// <summary>Earns nothing and takes no new clients until reactivated; its clients stay attributed.</summary>
    Suspended,

    /// <summary>Final: the partnership ended.</summary>
    Terminated,
}

/// <summary>
/// An introducing broker: a client of the broker (an individual or a company, with its own KYC) who brings clients,
/// under a partner code, in a hierarchy of any depth. Where it sits in the tree and who it brought are kept as
/// effective-dated history (<see cref="PartnerParentLink"/>, <see cref="ClientAttribution"/>), so a commission is always
/// computed on the tree and the attribution in force at the deal's time.
/// </summary>
public sealed class Partner : IVersioned
{
    public long Id { get; set; }

    /// <summary>The referral code ("ALPHA-FX"), unique, upper case.</summary>
    public string Code { get; set; } = "";

    /// <summary>The client record that is the partner (its KYC, its payout destinations, its trading accounts).</summary>
    public long ClientId { get; set; }

    public string Name { get; set; } = "";
    public PartnerStatus Status { get; set; }
    public string? StatusReason { get; set; }

    /// <summary>The parent now; the history is in <see cref="PartnerParentLink"/>.</summary>
    public long? ParentId { get; set; }

    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>
/// A partner's status from <see cref="From"/> until its next change: a run computed later still pays a deal by the status of the
/// moment it was made. Before a partner's first change it was active (partners are created active).
/// </summary>
public sealed class PartnerStatusChange
{
    public long Id { get; set; }
    public long PartnerId { get; set; }
    public PartnerStatus Status { get; set; }
    public DateTime From { get; set; }
    public string By { get; set; } = "";
    public string? Reason { get; set; }
}

/// <summary>Where a partner sat in the tree from <see cref="From"/> until <see cref="To"/> (open while in force).</summary>
public sealed class PartnerParentLink
{
    public long Id { get; set; }
    public long PartnerId { get; set; }
    public long? ParentId { get; set; }
    public DateTime From { get; set; }
    public DateTime? To { get; set; }
    public string By { get; set; } = "";
    public string Reason { get; set; } = "";
}

public enum AttributionSource
{
    /// <summary>The referral code given at registration (first touch).</summary>
    Registration,

    /// <summary>Set by staff for a client who had none.</summary>
    Staff,

    /// <summary>Moved from another partner, with a reason and a second approver.</summary>
    Reassignment,
}

/// <summary>Which partner a client belonged to from <see cref="From"/> until <see cref="To"/> (open while in force).</summary>
public sealed class ClientAttribution
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public long PartnerId { get; set; }
    public DateTime From { get; set; }
    public DateTime? To { get; set; }
    public AttributionSource Source { get; set; }
    public string By { get; set; } = "";
    public string? Reason { get; set; }
}
