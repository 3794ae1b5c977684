using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Accounts.Clients;

public enum ClientKind
{
    Individual,
    Corporate,
}

/// <summary>A client of the broker: a person or a company, from registration to closure.</summary>
public sealed class Client : IVersioned
{
    public long Id { get; set; }

    /// <summary>The number clients quote on the phone and staff search by.</summary>
    public long Number { get; set; }

    public ClientKind Kind { get; set; }

    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public string? Nationality { get; set; }

    public string CompanyName { get; set; } = "";

    [Sensitive]
    public string? RegistrationNumber { get; set; }

    public string? CountryOfIncorporation { get; set; }

    /// <summary>Country of residence (individual) or incorporation (corporate): drives the region.</summary>
    public string Country { get; set; } = "";

    public string Region { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? AddressLine { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }

    /// <summary>"Surname First" or the company name, as lists show and sort it.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Lower-cased display name for prefix search.</summary>
    public string NameKey { get; set; } = "";

    /// <summary>Digits of the phone number, for search.</summary>
    public string PhoneKey { get; set; } = "";

    public ClientStatus Status { get; set; }
    public DateTime StatusChangedAt { get; set; }
    public string? StatusReason { get; set; }

    public RestrictionCategory? RestrictionCategory { get; set; }

    /// <summary>Capabilities a restriction still allows, comma separated (e.g. close-only).</summary>
    public string? RestrictionAllows { get; set; }

    public string? ManagerId { get; set; }
    public string SalesStage { get; set; } = "";

    /// <summary>"staff", "portal" or "crm": where the registration came from.</summary>
    public string Source { get; set; } = "staff";

    public DateTime RegisteredAt { get; set; }

    /// <summary>When the client was first approved (a later return from a restriction keeps it); null until then.</summary>
    public DateTime? ApprovedAt { get; set; }

    public long Version { get; set; }

    public List<ClientTag> Tags { get; set; } = [];

    public void SetNames()
    {
        DisplayName = Kind == ClientKind.Corporate ? CompanyName.Trim() : $"{LastName.Trim()} {FirstName.Trim()}".Trim();
        NameKey = DisplayName.ToLowerInvariant();
        PhoneKey = new string(Phone.Where(char.IsDigit).ToArray());
        Email = Email.Trim().ToLowerInvariant();
        Region = Countries.Find(Country)?.Region ?? "";
        Country = Country.Trim().ToUpperInvariant();
    }

    public IReadOnlyList<Capability> RestrictionAllowances =>
        RestrictionAllows is { Length: > 0 } s ? s.Split(',').Select(Enum.Parse<Capability>).ToList() : [];

    /// <summary>Moves the client along the lifecycle, or says why it cannot.</summary>
    public Error? MoveTo(ClientStatus target, string reason, DateTime now)
    {
        if (ClientLifecycle.Check(Status, target) is { } refused) return refused;
        Status = target;
        StatusChangedAt = now;
        StatusReason = reason;
        if (target == ClientStatus.Approved) ApprovedAt ??= now;
        if (target != ClientStatus.Restricted)
        {
            RestrictionCategory = null;
            RestrictionAllows = null;
        }
        return null;
    }
}

public sealed class ClientTag
{
    public long ClientId { get; set; }
    public string Tag { get; set; } = "";
}

/// <summary>The steps of the sales funnel, configurable by an administrator.</summary>
public sealed class SalesStage
{
    public string Name { get; set; } = "";
    public int Order { get; set; }
    public bool Active { get; set; } = true;

    public static readonly string[] Defaults = ["Lead", "Contacted", "Registered", "Funded", "Active", "Dormant", "Lost"];
}

/// <summary>Hands out numbers (client numbers, platform logins) without gaps in the common case and without duplicates ever.</summary>
public sealed class NumberSequence
{
    public string Name { get; set; } = "";
    public long Next { get; set; }
}
