using BackOffice.Core.Kyc.Screening;
using BackOffice.Infrastructure.Sanctions;

namespace BackOffice.Tests.Kyc.Screening;

public sealed class OpenSanctionsParserTests
{
    private const string Export =
        "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change\n" +
        "NK-1,Person,Ivan Petrov,Иван Петров;Ivan S. Petrov,1965-03-12;1966,ru;ua,\"Moscow, Russia\",,EU - demo listing,,,EU Financial Sanctions Files (FSF),2024-01-01,2026-11-01,2026-10-01\n" +
        "Q-2,Person,Elena Ivanova,Yelena Ivanova,1974,ru,,,,,,Wikidata Politically Exposed Persons (PEPs),2024-01-01,2026-11-01,2026-10-01\n" +
        "NK-3,Company,Volga Metals JSC,,,ru,,,UK - demo listing,,,UK HMT/OFSI Consolidated List of Targets,2024-01-01,2026-11-01,2026-10-01\n" +
        "NK-4,Vessel,Ocean Amber,Amber Glory,,pa,,IMO 9000001,US - demo listing,,,US OFAC SDN,2024-01-01,2026-11-01,2026-10-01\n" +
        "NK-5,Airplane,EP-XYZ,,,ir,,,US - demo listing,,,US OFAC SDN,2024-01-01,2026-11-01,2026-10-01\n" +
        "NK-6,Person,Amara Diallo,,1983,ml,,,EU - demo listing,,,Example PEPs;EU Financial Sanctions Files (FSF),2024-01-01,2026-11-01,2026-10-01\n" +
        "NK-7,Person,Jonas Berg,,1966,se,,,,,,Example Nordic Company Registry,2024-01-01,2026-11-01,2026-10-01\n";

    private static IReadOnlyList<ListEntry> Parse(string text)
    {
        var result = OpenSanctionsParser.Parse(new StringReader(text));
        Assert.True(result.Succeeded, result.ToString());
        return result.Entries;
    }

    /// <summary>The same export with its columns in another order and two columns added.</summary>
    private static string Reshaped(string text, Random random)
    {
        var rows = text.TrimEnd('\n').Split('\n').Select(SplitCsv).ToList();
        rows[0] = [.. rows[0], "program_ids", "referents"];
        for (var r = 1; r < rows.Count; r++)
            rows[r] = [.. rows[r], "DEMO-PROG", $"ref-{r}"];
        var order = Enumerable.Range(0, rows[0].Length).OrderBy(_ => random.Next()).ToArray();
        return string.Concat(rows.Select(row => string.Join(',', order.Select(i => Quote(row[i]))) + "\n"));
    }

    [Fact]
    public void Each_row_becomes_an_entry_with_its_multi_valued_cells_split()
    {
        var petrov = Parse(Export)[0];

        Assert.Equal(new ListEntry("opensanctions", "NK-1", EntryKind.Person, "Ivan Petrov", petrov.Aliases, petrov.BirthDates, petrov.Countries,
            "EU - demo listing", false), petrov);
        Assert.Equal(["Иван Петров", "Ivan S. Petrov"], petrov.Aliases);
        Assert.Equal(["1965-03-12", "1966"], petrov.BirthDates);
        Assert.Equal(["RU", "UA"], petrov.Countries);
    }

    [Fact]
    public void The_schema_gives_the_kind()
    {
        Assert.Equal([EntryKind.Person, EntryKind.Person, EntryKind.Organization, EntryKind.Vessel, EntryKind.Aircraft, EntryKind.Person, EntryKind.Person],
            Parse(Export).Select(e => e.Kind));
    }

    [Fact]
    public void A_person_from_a_PEP_dataset_without_sanctions_is_a_PEP_and_a_sanctioned_one_is_not()
    {
        var entries = Parse(Export).ToDictionary(e => e.ExternalId);

        Assert.True(entries["Q-2"].IsPep);
        Assert.Equal("", entries["Q-2"].Programs);
        Assert.False(entries["NK-6"].IsPep);
        Assert.False(entries["NK-7"].IsPep);
        Assert.False(entries["NK-1"].IsPep);
    }

    [Fact]
    public void A_topics_column_marks_PEPs_in_newer_exports()
    {
        const string text = "topics,name,id,schema,sanctions\nrole.pep;role.rca,Jonas Berg,Q-9,Person,\n";

        Assert.True(Assert.Single(Parse(text)).IsPep);
    }

    [Fact]
    public void Columns_are_read_by_name_whatever_their_order_and_whatever_is_added()
    {
        var expected = Parse(Export).Select(e => e.ContentHash()).ToList();

        for (var seed = 1; seed <= 5; seed++)
            Assert.Equal(expected, Parse(Reshaped(Export, new Random(seed))).Select(e => e.ContentHash()));
    }

    [Theory]
    [InlineData("schema,name,aliases\nPerson,Ivan Petrov,\n", "id")]
    [InlineData("id,schema,aliases\nNK-1,Person,\n", "name")]
    [InlineData("id,name\nNK-1,Ivan Petrov\n", "schema")]
    public void A_missing_required_column_is_reported_on_the_header_line(string text, string column)
    {
        var result = OpenSanctionsParser.Parse(new StringReader(text));

        Assert.Equal(1, result.Error!.LineNumber);
        Assert.Equal("targets.simple.csv", result.Error.File);
        Assert.Contains(column, result.Error.Message);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void A_row_with_fewer_cells_than_the_header_is_reported_with_its_line()
    {
        var broken = Export.Replace("NK-5,Airplane,EP-XYZ,,,ir,", "NK-5,Airplane,EP-XYZ,,ir,");

        var result = OpenSanctionsParser.Parse(new StringReader(broken));

        Assert.Equal(6, result.Error!.LineNumber);
        Assert.Contains("expected 15 cells", result.Error.Message);
    }

    [Fact]
    public void An_unterminated_quote_is_reported_at_the_line_it_opens()
    {
        var broken = Export.Replace("\"Moscow, Russia\"", "\"Moscow, Russia");

        var result = OpenSanctionsParser.Parse(new StringReader(broken));

        Assert.Equal(2, result.Error!.LineNumber);
        Assert.Contains("unterminated quote", result.Error.Message);
    }

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
                cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static string Quote(string cell) => cell.Contains(',') ? $"\"{cell}\"" : cell;
}
