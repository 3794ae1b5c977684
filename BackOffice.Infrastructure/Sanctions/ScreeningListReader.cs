using System.Text;
using BackOffice.Core.Kyc.Screening;

namespace BackOffice.Infrastructure.Sanctions;

/// <summary>The list formats the product reads: OFAC's legacy SDN CSV set and the OpenSanctions simple CSV.</summary>
public sealed class ScreeningListReader : IScreeningListReader
{
    public IReadOnlyList<ListSourceInfo> Sources { get; } =
    [
        new(ListEntry.Ofac, "OFAC SDN", [OfacSdnParser.SdnFile, OfacSdnParser.AliasFile, OfacSdnParser.AddressFile]),
        new(ListEntry.OpenSanctions, "OpenSanctions", [OpenSanctionsParser.FileName]),
    ];

    public ListParseResult Read(string source, IReadOnlyList<ListFile> files)
    {
        switch (source)
        {
            case ListEntry.Ofac:
            {
                if (Find(files, OfacSdnParser.SdnFile) is not { } sdn)
                    return ListParseResult.Fail(new ListFormatError(OfacSdnParser.SdnFile, 0, $"{OfacSdnParser.SdnFile} is missing"));
                using var sdnReader = Open(sdn);
                using var aliases = Find(files, OfacSdnParser.AliasFile) is { } a ? Open(a) : null;
                using var addresses = Find(files, OfacSdnParser.AddressFile) is { } d ? Open(d) : null;
                return OfacSdnParser.Parse(sdnReader, aliases, addresses);
            }
            case ListEntry.OpenSanctions:
            {
                if (Find(files, OpenSanctionsParser.FileName) is not { } targets)
                    return ListParseResult.Fail(new ListFormatError(OpenSanctionsParser.FileName, 0, $"{OpenSanctionsParser.FileName} is missing"));
                using var reader = Open(targets);
                return OpenSanctionsParser.Parse(reader, OpenSanctionsParser.FileName);
            }
            default:
                return ListParseResult.Fail(new ListFormatError(source, 0, $"'{source}' is not a list this product reads"));
        }
    }

    private static ListFile? Find(IReadOnlyList<ListFile> files, string name) =>
        files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    private static StreamReader Open(ListFile file) => new(new MemoryStream(file.Content, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
}

/// <summary>
/// A folder laid out as the scheduled import expects: <c>ofac/</c> with the SDN files and <c>opensanctions/</c> with
/// <c>targets.simple.csv</c>. The demo lists shipped with the product are laid out the same way.
/// </summary>
public static class ListFolder
{
    public static IReadOnlyList<(string Source, IReadOnlyList<ListFile> Files)> Read(string folder, IScreeningListReader reader)
    {
        var found = new List<(string, IReadOnlyList<ListFile>)>();
        foreach (var source in reader.Sources)
        {
            var dir = Path.Combine(folder, source.Code);
            if (!Directory.Exists(dir)) continue;
            var files = source.Files
                .Select(name => Directory.EnumerateFiles(dir).FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase)))
                .OfType<string>()
                .Select(path => new ListFile(Path.GetFileName(path), File.ReadAllBytes(path)))
                .ToList();
            if (files.Any(f => string.Equals(f.Name, source.Files[0], StringComparison.OrdinalIgnoreCase)))
                found.Add((source.Code, files));
        }
        return found;
    }
}
