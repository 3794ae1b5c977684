using BackOffice.Core.Common;
using System.Text;
using BackOffice.Core.Kyc.Screening;

namespace BackOffice.Infrastructure.Sanctions;

/// <summary>
/// Reads OpenSanctions' "simple" CSV export (<c>targets.simple.csv</c>). Columns are found by
/// their header name, so new or reordered columns in later exports change nothing;
/// <c>id</c>, <c>schema</c> and <c>name</c> are required. Multi-valued cells are joined with
/// <c>;</c>.
/// <para>
/// PEP rule: a <c>Person</c> with an empty <c>sanctions</c> cell who comes from a PEP dataset —
/// a <c>dataset</c> value naming PEPs or politically exposed persons, or a <c>topics</c> cell
/// (newer exports) holding <c>role.pep</c>. A sanctioned person is never flagged as a mere PEP,
/// even when a PEP dataset lists them too: the sanction is what the reviewer must see.
/// </para>
/// </summary>
public static class OpenSanctionsParser
{
    public const string FileName = "targets.simple.csv";

    private static readonly string[] Required = ["id", "schema", "name"];

    public static ListParseResult ParseFile(string path)
    {
        if (!File.Exists(path))
            return ListParseResult.Fail(new ListFormatError(Path.GetFileName(path), 0, $"{path} was not found"));
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, Path.GetFileName(path));
    }

    public static ListParseResult Parse(TextReader reader, string file = FileName)
    {
        var records = new CsvRecords(reader, file);
        try
        {
            if (!records.TryRead(out var header))
                return ListParseResult.Fail(new ListFormatError(file, 1, "the file is empty: no header row"));
            var columns = Columns(records, header);
            var entries = new List<ListEntry>();
            while (records.TryRead(out var row))
            {
                if (row.Length != header.Length)
                    throw records.Fail($"expected {header.Length} cells as in the header, found {row.Length}");
                entries.Add(new Row(columns, row).ToEntry(records));
            }
            return ListParseResult.Ok(entries);
        }
        catch (CsvFormatException e)
        {
            return ListParseResult.Fail(new ListFormatError(e.File, e.LineNumber, e.Problem));
        }
    }

    private static Dictionary<string, int> Columns(CsvRecords records, string[] header)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
            columns.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw records.Fail($"the header has no {string.Join(", ", missing)} column");
        return columns;
    }

    private readonly record struct Row(Dictionary<string, int> Columns, string[] Cells)
    {
        public ListEntry ToEntry(CsvRecords records)
        {
            var id = One("id") ?? throw records.Fail("the id cell is empty");
            var name = One("name") ?? throw records.Fail($"the name cell of {id} is empty");
            var schema = One("schema") ?? "";
            var kind = schema switch
            {
                "Person" => EntryKind.Person,
                "Organization" or "Company" or "LegalEntity" or "PublicBody" => EntryKind.Organization,
                "Vessel" => EntryKind.Vessel,
                "Airplane" => EntryKind.Aircraft,
                _ => EntryKind.Other,
            };
            var sanctions = Many("sanctions");
            var isPep = kind == EntryKind.Person && sanctions.Count == 0
                && (Many("dataset").Any(NamesPeps) || Many("topics").Contains("role.pep", StringComparer.OrdinalIgnoreCase));
            var countries = Many("countries").Select(c => c.Length == 2 ? c.ToUpperInvariant() : c).Distinct().ToList();
            return new ListEntry(ListEntry.OpenSanctions, id, kind, name, Many("aliases").Where(a => a != name).Distinct().ToList(),
                Many("birth_date").Distinct().ToList(), countries, string.Join("; ", sanctions), isPep);
        }

        private string? One(string column)
        {
            var value = Columns.TryGetValue(column, out var i) ? Cells[i].Trim() : "";
            return value.Length == 0 ? null : value;
        }

        private List<string> Many(string column) =>
            One(column)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];

        private static bool NamesPeps(string dataset) =>
            dataset.Split([' ', '-', '_', '(', ')', '.', ','], StringSplitOptions.RemoveEmptyEntries)
                .Any(w => w.Equals("pep", StringComparison.OrdinalIgnoreCase) || w.Equals("peps", StringComparison.OrdinalIgnoreCase))
            || dataset.Contains("politically exposed", StringComparison.OrdinalIgnoreCase);
    }
}
