using BackOffice.Core.Kyc.Screening.Matching;

namespace BackOffice.Core.Kyc.Screening;

/// <summary>The <c>Screening</c> section of appsettings.json.</summary>
public sealed class ScreeningOptions
{
    /// <summary>Score from which a possible match goes to the hits queue (0..1).</summary>
    public double Threshold { get; set; } = NameMatcher.DefaultThreshold;

    /// <summary>
    /// Folder the scheduled import reads: <c>ofac/SDN.CSV</c> (with <c>ALT.CSV</c>, <c>ADD.CSV</c>) and
    /// <c>opensanctions/targets.simple.csv</c>. Files already imported unchanged are skipped.
    /// </summary>
    public string ListsFolder { get; set; } = "data/lists";

    /// <summary>How often the folder is read; 0 turns the scheduled import off.</summary>
    public double ImportEveryHours { get; set; } = 24;

    /// <summary>Clients screened per committed step when a list changes.</summary>
    public int RescreenBatchSize { get; set; } = 500;

    /// <summary>Largest list file accepted on the upload page, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 200;
}

/// <summary>One uploaded or scheduled list file.</summary>
public sealed record ListFile(string Name, byte[] Content);

/// <summary>Reads the files of one list source into entries (the formats live in Infrastructure).</summary>
public interface IScreeningListReader
{
    /// <summary>The sources this reader knows, with the files each expects.</summary>
    IReadOnlyList<ListSourceInfo> Sources { get; }

    ListParseResult Read(string source, IReadOnlyList<ListFile> files);
}

/// <param name="Files">File names the source is read from; the first is required.</param>
public sealed record ListSourceInfo(string Code, string Name, IReadOnlyList<string> Files);
