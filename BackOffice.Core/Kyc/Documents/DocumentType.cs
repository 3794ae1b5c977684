using BackOffice.Core.Accounts.Clients;

namespace BackOffice.Core.Kyc.Documents;

/// <summary>What a document proves, which decides the data a reviewer records from it.</summary>
public enum DocumentPurpose
{
    Identity,
    Address,
    Questionnaire,
    Corporate,
}

/// <summary>A kind of document the broker asks for.</summary>
public sealed record DocumentType(string Code, string Name, DocumentPurpose Purpose, ClientKind Kind)
{
    public const string ProofOfIdentity = "identity";
    public const string ProofOfAddress = "address";
    public const string Suitability = "suitability";
    public const string Incorporation = "incorporation";
    public const string ShareholderRegister = "shareholders";
    public const string DirectorRegister = "directors";
    public const string BeneficialOwnership = "beneficial_owners";
    public const string BoardAuthorisation = "board_authorisation";

    public static readonly IReadOnlyList<DocumentType> All =
    [
        new(ProofOfIdentity, "Proof of identity", DocumentPurpose.Identity, ClientKind.Individual),
        new(ProofOfAddress, "Proof of address", DocumentPurpose.Address, ClientKind.Individual),
        new(Suitability, "Suitability questionnaire", DocumentPurpose.Questionnaire, ClientKind.Individual),
        new(Incorporation, "Certificate of incorporation", DocumentPurpose.Corporate, ClientKind.Corporate),
        new(ShareholderRegister, "Shareholder register", DocumentPurpose.Corporate, ClientKind.Corporate),
        new(DirectorRegister, "Register of directors", DocumentPurpose.Corporate, ClientKind.Corporate),
        new(BeneficialOwnership, "Beneficial ownership proof", DocumentPurpose.Corporate, ClientKind.Corporate),
        new(BoardAuthorisation, "Board authorisation", DocumentPurpose.Corporate, ClientKind.Corporate),
    ];

    public static DocumentType? Find(string? code) => All.FirstOrDefault(t => t.Code == code);

    public static string NameOf(string code) => Find(code)?.Name ?? code;

    /// <summary>Identity documents must carry a number, an issuing country and an expiry date to be accepted.</summary>
    public bool NeedsIdentityData => Purpose == DocumentPurpose.Identity;

    public bool NeedsBillDate => Purpose == DocumentPurpose.Address;
}

/// <summary>One line of the configurable list of documents a kind of client provides.</summary>
public sealed class DocumentRequirement : Common.Data.IVersioned
{
    public int Id { get; set; }
    public ClientKind Kind { get; set; }
    public string DocumentType { get; set; } = "";

    /// <summary>Approval is refused until an accepted, unexpired document of this type is on file.</summary>
    public bool RequiredForApproval { get; set; }

    public bool Active { get; set; } = true;
    public int Order { get; set; }
    public long Version { get; set; }

    public static IEnumerable<DocumentRequirement> Defaults() =>
        Documents.DocumentType.All.Select((t, i) => new DocumentRequirement
        {
            Kind = t.Kind,
            DocumentType = t.Code,
            RequiredForApproval = true,
            Order = i,
        });
}
