using BackOffice.Core.Common;
using System.Globalization;
using System.Text;
using BackOffice.Core.Kyc.Screening;

namespace BackOffice.Infrastructure.Sanctions;

/// <summary>
/// Reads OFAC's legacy SDN CSV set: <c>SDN.CSV</c> (the parties), <c>ALT.CSV</c> (their aliases)
/// and <c>ADD.CSV</c> (their addresses, used for the countries). The files have no header; the
/// literal <c>-0-</c> (usually with a trailing space) means "no value"; individuals are written
/// <c>LAST, First Middle</c> and come out in natural order; dates of birth and nationality come
/// from the remarks. The first malformed record stops the read with its file and line.
/// </summary>
public static class OfacSdnParser
{
    public const string SdnFile = "SDN.CSV";
    public const string AliasFile = "ALT.CSV";
    public const string AddressFile = "ADD.CSV";

    private const string Null = "-0-";
    private const int SdnColumns = 12;
    private const int AliasColumns = 5;
    private const int AddressColumns = 6;

    /// <summary>Reads the three files from <paramref name="folder"/>; ALT.CSV and ADD.CSV may be absent.</summary>
    public static ListParseResult ParseFolder(string folder)
    {
        using var sdn = Open(Path.Combine(folder, SdnFile));
        if (sdn is null)
            return ListParseResult.Fail(new ListFormatError(SdnFile, 0, $"{SdnFile} was not found in {folder}"));
        using var aliases = Open(Path.Combine(folder, AliasFile));
        using var addresses = Open(Path.Combine(folder, AddressFile));
        return Parse(sdn, aliases, addresses);
    }

    public static ListParseResult Parse(TextReader sdn, TextReader? aliases = null, TextReader? addresses = null)
    {
        try
        {
            var parties = ReadParties(new CsvRecords(sdn, SdnFile));
            if (aliases is not null)
                ReadAliases(new CsvRecords(aliases, AliasFile), parties);
            if (addresses is not null)
                ReadAddresses(new CsvRecords(addresses, AddressFile), parties);
            return ListParseResult.Ok(parties.Values.Select(p => p.ToEntry()).ToList());
        }
        catch (CsvFormatException e)
        {
            return ListParseResult.Fail(new ListFormatError(e.File, e.LineNumber, e.Problem));
        }
    }

    private static Dictionary<string, Party> ReadParties(CsvRecords records)
    {
        var parties = new Dictionary<string, Party>(StringComparer.Ordinal);
        while (records.TryRead(out var row))
        {
            Expect(records, row, SdnColumns);
            var id = EntryNumber(records, row[0]);
            var name = Value(row[1]) ?? throw records.Fail("SDN_Name is empty");
            var kind = Value(row[2])?.ToLowerInvariant() switch
            {
                null => EntryKind.Organization,
                "individual" => EntryKind.Person,
                "vessel" => EntryKind.Vessel,
                "aircraft" => EntryKind.Aircraft,
                _ => EntryKind.Other,
            };
            var party = new Party(id, kind, name, Programs(Value(row[3])));
            var remarks = Value(row[11]) ?? "";
            party.BirthDates.AddRange(OfacRemarks.BirthDates(remarks));
            party.Countries.AddRange(OfacRemarks.Countries(remarks));
            if (Value(row[9]) is { } flag)
                party.Countries.Add(CountryNames.Iso(flag));
            if (!parties.TryAdd(id, party))
                throw records.Fail($"ent_num {id} appears twice");
        }
        return parties;
    }

    private static void ReadAliases(CsvRecords records, Dictionary<string, Party> parties)
    {
        while (records.TryRead(out var row))
        {
            Expect(records, row, AliasColumns);
            // An alias of a party not (or no longer) in SDN.CSV is left out, as OFAC's own files sometimes lag.
            if (parties.TryGetValue(EntryNumber(records, row[0]), out var party) && Value(row[3]) is { } alias)
                party.Aliases.Add(party.Kind == EntryKind.Person ? NaturalOrder(alias) : alias);
        }
    }

    private static void ReadAddresses(CsvRecords records, Dictionary<string, Party> parties)
    {
        while (records.TryRead(out var row))
        {
            Expect(records, row, AddressColumns);
            if (parties.TryGetValue(EntryNumber(records, row[0]), out var party) && Value(row[4]) is { } country)
                party.Countries.Add(CountryNames.Iso(country));
        }
    }

    private static void Expect(CsvRecords records, string[] row, int columns)
    {
        if (row.Length != columns)
            throw records.Fail($"expected {columns} columns, found {row.Length}");
    }

    private static string EntryNumber(CsvRecords records, string cell) =>
        long.TryParse(cell.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw records.Fail($"ent_num '{cell.Trim()}' is not a number");

    /// <summary>The cell, or null for the <c>-0-</c> null literal (with or without its trailing space) or blank.</summary>
    private static string? Value(string cell)
    {
        var trimmed = cell.Trim();
        return trimmed.Length == 0 || trimmed == Null ? null : trimmed;
    }

    /// <summary>The legacy file writes several programmes as <c>SDGT] [IRGC</c>.</summary>
    private static string Programs(string? cell) =>
        cell is null ? "" : string.Join("; ", cell.Split(']', '[').Select(p => p.Trim()).Where(p => p.Length > 0));

    /// <summary><c>AL-RASHID, Mohammed Khalil</c> → <c>Mohammed Khalil AL-RASHID</c>.</summary>
    private static string NaturalOrder(string name)
    {
        var comma = name.IndexOf(',');
        if (comma < 0)
            return name;
        var given = name[(comma + 1)..].Trim();
        var family = name[..comma].Trim();
        return given.Length == 0 ? family : given + " " + family;
    }

    private static StreamReader? Open(string path) =>
        File.Exists(path) ? new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true) : null;

    private sealed class Party(string id, EntryKind kind, string name, string programs)
    {
        public EntryKind Kind { get; } = kind;
        public List<string> Aliases { get; } = [];
        public List<string> BirthDates { get; } = [];
        public List<string> Countries { get; } = [];

        public ListEntry ToEntry() => new(
            ListEntry.Ofac, id, Kind, Kind == EntryKind.Person ? NaturalOrder(name) : name,
            Aliases.Distinct().ToList(), BirthDates.Distinct().ToList(), Countries.Distinct().ToList(), programs, IsPep: false);
    }
}
