using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Kyc.Documents;

public enum DocumentStatus
{
    /// <summary>Uploaded, waiting for a reviewer.</summary>
    Submitted,
    Accepted,
    Rejected,

    /// <summary>A newer document of the same type replaced it (before review, or after its replacement was accepted).</summary>
    Superseded,
}

/// <summary>
/// A document a client (or staff on their behalf) uploaded, with what the reviewer read from it
/// and decided. Resubmissions form a chain: each document links to the one it replaces.
/// </summary>
public sealed class KycDocument : IVersioned
{
    public long Id { get; set; }
    public long ClientId { get; set; }

    /// <summary>For a corporate client: the director or owner this identity document belongs to.</summary>
    public long? RelatedPartyId { get; set; }

    public string Type { get; set; } = "";
    public DocumentStatus Status { get; set; }

    /// <summary>"staff", "portal" or "provider".</summary>
    public string Source { get; set; } = "staff";

    public string? UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }

    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";

    /// <summary>Where the encrypted file is kept (a name inside the document store, never a path from the client).</summary>
    public string StorageKey { get; set; } = "";

    public long? ReplacesId { get; set; }
    public long? ReplacedById { get; set; }

    [Sensitive]
    public string? Number { get; set; }

    public string? IssuingCountry { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? PrintedName { get; set; }
    public DateOnly? PrintedDateOfBirth { get; set; }
    public string? Address { get; set; }
    public DateOnly? BillDate { get; set; }

    public string? ReviewerId { get; set; }
    public string? ReviewerName { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public RejectionReason? RejectionReason { get; set; }
    public string? ReviewNote { get; set; }

    /// <summary>The identity-verification provider checked it (the decision stays with compliance).</summary>
    public bool ProviderVerified { get; set; }

    /// <summary>The smallest "days before expiry" reminder already sent (60, then 30): each is sent once.</summary>
    public int? ReminderSentDays { get; set; }

    /// <summary>When the expiry check acted on this document having expired.</summary>
    public DateTime? ExpiryHandledAt { get; set; }

    public long Version { get; set; }

    public DocumentType? Kind => DocumentType.Find(Type);

    public void Record(DocumentData data)
    {
        Number = Blank(data.Number);
        IssuingCountry = Blank(data.IssuingCountry)?.ToUpperInvariant();
        IssuedOn = data.IssuedOn;
        ExpiresOn = data.ExpiresOn;
        PrintedName = Blank(data.PrintedName);
        PrintedDateOfBirth = data.PrintedDateOfBirth;
        Address = Blank(data.Address);
        BillDate = data.BillDate;
    }

    public DocumentData Data => new(Number, IssuingCountry, IssuedOn, ExpiresOn, PrintedName, PrintedDateOfBirth, Address, BillDate);

    /// <summary>Accepts the document, or says what is missing or wrong for its type.</summary>
    public Error? Accept(DateOnly today, int addressProofMaxAgeDays, string reviewerId, string reviewerName, DateTime now)
    {
        if (Status != DocumentStatus.Submitted)
            return Error.Rule("document.not_waiting", $"This document is {Status.ToString().ToLowerInvariant()}; only a submitted document can be decided.");
        var type = Kind;
        if (type?.NeedsIdentityData == true)
        {
            var missing = new List<string>();
            if (Number is null) missing.Add("the document number");
            if (IssuingCountry is null) missing.Add("the issuing country");
            if (ExpiresOn is null) missing.Add("the expiry date");
            if (PrintedName is null) missing.Add("the name as printed");
            if (PrintedDateOfBirth is null) missing.Add("the date of birth as printed");
            if (missing.Count > 0)
                return Error.Rule("document.data_missing", $"Record {string.Join(", ", missing)} before accepting an identity document.");
        }
        if (ExpiresOn is { } expiry && expiry <= today)
            return Error.Rule("document.expired", $"The document expired on {expiry:yyyy-MM-dd}; reject it as expired instead.");
        if (type?.NeedsBillDate == true)
        {
            if (BillDate is null || Address is null)
                return Error.Rule("document.data_missing", "Record the address and the date of the bill or statement before accepting a proof of address.");
            if (BillDate.Value.AddDays(addressProofMaxAgeDays) < today)
                return Error.Rule("document.too_old",
                    $"The bill is dated {BillDate:yyyy-MM-dd}, more than {addressProofMaxAgeDays} days ago; reject it as expired and ask for a recent one.");
        }
        Decide(DocumentStatus.Accepted, null, null, reviewerId, reviewerName, now);
        return null;
    }

    public Error? Reject(RejectionReason reason, string? note, string reviewerId, string reviewerName, DateTime now)
    {
        if (Status != DocumentStatus.Submitted)
            return Error.Rule("document.not_waiting", $"This document is {Status.ToString().ToLowerInvariant()}; only a submitted document can be decided.");
        Decide(DocumentStatus.Rejected, reason, note, reviewerId, reviewerName, now);
        return null;
    }

    private void Decide(DocumentStatus status, RejectionReason? reason, string? note, string reviewerId, string reviewerName, DateTime now)
    {
        Status = status;
        RejectionReason = reason;
        ReviewNote = Blank(note);
        ReviewerId = reviewerId;
        ReviewerName = reviewerName;
        ReviewedAt = now;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>What a reviewer reads off a document. Which fields matter depends on its type.</summary>
public sealed record DocumentData(
    string? Number = null,
    string? IssuingCountry = null,
    DateOnly? IssuedOn = null,
    DateOnly? ExpiresOn = null,
    string? PrintedName = null,
    DateOnly? PrintedDateOfBirth = null,
    string? Address = null,
    DateOnly? BillDate = null);
