using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Screening.Matching;

namespace BackOffice.Core.Kyc.Screening;

/// <summary>
/// One party of an imported sanctions or PEP list, as it stands after the latest import of its source.
/// A party that left the list keeps its row (hits and decisions point at it) with <see cref="RemovedAt"/> set.
/// Rows are written in bulk by an import, whose own row is the audited record of what changed.
/// </summary>
[AuditedAsSummary]
public sealed class ScreeningListEntry
{
    private const char Separator = '\n';

    public long Id { get; set; }
    public string Source { get; set; } = "";
    public string ExternalId { get; set; } = "";
    public EntryKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Aliases { get; set; } = "";
    public string BirthDates { get; set; } = "";
    public string Countries { get; set; } = "";
    public string Programs { get; set; } = "";
    public bool IsPep { get; set; }
    public string ContentHash { get; set; } = "";
    public DateTime AddedAt { get; set; }
    public DateTime ChangedAt { get; set; }
    public DateTime? RemovedAt { get; set; }

    /// <summary>The import that added or last changed the entry: what a re-screen after that import screens against.</summary>
    public long ChangedByImportId { get; set; }

    public string Key => Source + ":" + ExternalId;

    public ListEntry ToEntry() =>
        new(Source, ExternalId, Kind, Name, Split(Aliases), Split(BirthDates), Split(Countries), Programs, IsPep);

    public void Apply(ListEntry entry, long importId, DateTime now)
    {
        Source = entry.Source;
        ExternalId = entry.ExternalId;
        Kind = entry.Kind;
        Name = Clip(entry.Name, 400);
        Aliases = Clip(string.Join(Separator, entry.Aliases), 8000);
        BirthDates = string.Join(Separator, entry.BirthDates);
        Countries = string.Join(Separator, entry.Countries);
        Programs = Clip(entry.Programs, 1000);
        IsPep = entry.IsPep;
        ContentHash = entry.ContentHash();
        ChangedAt = now;
        ChangedByImportId = importId;
        RemovedAt = null;
    }

    private static string[] Split(string value) => value.Length == 0 ? [] : value.Split(Separator);

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}

public enum ScreeningImportStatus
{
    /// <summary>The list is in force; clients are being screened against its new and changed entries.</summary>
    Screening,
    Completed,
}

/// <summary>One import of a list source: what it brought, and how far screening the book against it has come.</summary>
public sealed class ScreeningImport : IVersioned
{
    public long Id { get; set; }
    public string Source { get; set; } = "";

    /// <summary>The files read, with their sizes: "SDN.CSV (1.2 MB), ALT.CSV (…)".</summary>
    public string Files { get; set; } = "";

    /// <summary>SHA-256 over the files read, so a scheduled re-import can skip files it has already read.</summary>
    public string FilesSha256 { get; set; } = "";

    /// <summary>Who or what started it: a member of staff's name, or "scheduled import".</summary>
    public string StartedBy { get; set; } = "";

    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public ScreeningImportStatus Status { get; set; }
    public int Entries { get; set; }
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Removed { get; set; }

    /// <summary>Clients in the book when the import started: what the progress counts towards.</summary>
    public int ClientsToScreen { get; set; }

    public int ClientsScreened { get; set; }

    /// <summary>Re-screening resumes after this client id.</summary>
    public long ScreenedThroughClientId { get; set; }

    public int HitsRaised { get; set; }
    public long Version { get; set; }

    public bool ScreensAnything => Added + Changed > 0;
}

public enum ScreeningHitStatus
{
    Open,

    /// <summary>Not the client; remembered for this client and entry until the entry changes.</summary>
    FalsePositive,

    /// <summary>The client (or their related person) is the listed party.</summary>
    TrueMatch,

    /// <summary>No longer a possible match: the entry left the list, or the client's details changed.</summary>
    Withdrawn,
}

/// <summary>A list entry that may be a client or one of a corporate client's related persons, and what compliance decided.</summary>
public sealed class ScreeningHitRecord : IVersioned
{
    public long Id { get; set; }
    public long ClientId { get; set; }

    /// <summary>The director, owner or signatory screened; null for the client itself.</summary>
    public long? PartyId { get; set; }

    public string SubjectName { get; set; } = "";
    public DateOnly? SubjectBirthDate { get; set; }
    public string? SubjectCountry { get; set; }
    public long EntryId { get; set; }

    /// <summary>The entry names a politically exposed person, not a sanctioned party.</summary>
    public bool EntryIsPep { get; set; }

    /// <summary>The entry's content hash when the hit was raised: a false positive stands while it is unchanged.</summary>
    public string EntryHash { get; set; } = "";

    public double Score { get; set; }
    public double NameScore { get; set; }
    public string MatchedName { get; set; } = "";
    public MatchedFields Matched { get; set; }
    public MatchedFields Contradicted { get; set; }

    /// <summary>"registration", "profile change", "list import 12"…</summary>
    public string Trigger { get; set; } = "";

    public DateTime RaisedAt { get; set; }
    public ScreeningHitStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }

    /// <summary>The AML case opened when the hit was confirmed.</summary>
    public long? AmlAlertId { get; set; }

    public long Version { get; set; }

    public bool IsOpen => Status == ScreeningHitStatus.Open;

    public static string Describe(ScreeningHitStatus status) => status switch
    {
        ScreeningHitStatus.Open => "open",
        ScreeningHitStatus.FalsePositive => "a false positive",
        ScreeningHitStatus.TrueMatch => "a true match",
        _ => "withdrawn",
    };
}
