using BackOffice.Core.Kyc.Screening;
using BackOffice.Infrastructure.Sanctions;

namespace BackOffice.Tests.Kyc.Screening;

public sealed class OfacSdnParserTests
{
    private const string Sdn =
        "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n" +
        "173,\"ANGLO-CARIBBEAN CO., LTD.\",-0- ,\"CUBA\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\r\n" +
        "306,\"PETROV, Ivan Sergeevich\",\"individual\",\"RUSSIA-EO14024] [UKRAINE-EO13661\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 12 Mar 1965; alt. DOB 1966; POB Tver, Russia; nationality Russia; Passport 123 (Russia)\"\r\n" +
        "411,\"OCEAN AMBER\",\"vessel\",\"IRAN\",-0- ,\"9T0A1\",\"Crude Oil Tanker\",\"150,000\",\"79,900\",\"Panama\",\"BLUE SHIPPING\",\"IMO 9000001\"\r\n" +
        "412,\"EP-XYZ\",\"aircraft\",\"IRAN\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n" +
        "\u001A";

    private static ListEntry Only(ListParseResult result, string id)
    {
        Assert.True(result.Succeeded, result.ToString());
        return Assert.Single(result.Entries, e => e.ExternalId == id);
    }

    [Fact]
    public void Rows_without_a_header_become_entries_of_every_kind()
    {
        var result = OfacSdnParser.Parse(new StringReader(Sdn));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(["36", "173", "306", "411", "412"], result.Entries.Select(e => e.ExternalId));
        Assert.Equal([EntryKind.Organization, EntryKind.Organization, EntryKind.Person, EntryKind.Vessel, EntryKind.Aircraft],
            result.Entries.Select(e => e.Kind));
        Assert.All(result.Entries, e => Assert.Equal(ListEntry.Ofac, e.Source));
    }

    [Fact]
    public void The_null_literal_with_or_without_its_space_is_no_value()
    {
        var airline = Only(OfacSdnParser.Parse(new StringReader(Sdn)), "36");
        var company = Only(OfacSdnParser.Parse(new StringReader(Sdn)), "173");

        Assert.Empty(airline.BirthDates);
        Assert.Empty(airline.Countries);
        Assert.Empty(company.Countries);
        Assert.DoesNotContain("-0-", airline.Name + airline.Programs + company.Programs);
    }

    [Fact]
    public void A_quoted_comma_stays_inside_its_field()
    {
        var result = OfacSdnParser.Parse(new StringReader(Sdn));

        Assert.Equal("ANGLO-CARIBBEAN CO., LTD.", Only(result, "173").Name);
        Assert.Equal(["PA"], Only(result, "411").Countries);
    }

    [Fact]
    public void An_individual_is_named_in_natural_order_with_all_programmes()
    {
        var petrov = Only(OfacSdnParser.Parse(new StringReader(Sdn)), "306");

        Assert.Equal("Ivan Sergeevich PETROV", petrov.Name);
        Assert.Equal("RUSSIA-EO14024; UKRAINE-EO13661", petrov.Programs);
        Assert.False(petrov.IsPep);
    }

    [Fact]
    public void Dates_of_birth_and_nationality_are_read_from_the_remarks()
    {
        var petrov = Only(OfacSdnParser.Parse(new StringReader(Sdn)), "306");

        Assert.Equal(["1965-03-12", "1966"], petrov.BirthDates);
        Assert.Equal(["RU"], petrov.Countries);
    }

    [Theory]
    [InlineData("DOB 1965", new[] { "1965" })]
    [InlineData("DOB circa 1965; POB Baghdad, Iraq", new[] { "1965" })]
    [InlineData("DOB Mar 1965", new[] { "1965-03" })]
    [InlineData("DOB 01 Jan 1960; alt. DOB 02 Feb 1961; alt. DOB 1962", new[] { "1960-01-01", "1961-02-02", "1962" })]
    [InlineData("DOB 1960 to 1962", new[] { "1960", "1961", "1962" })]
    [InlineData("Website www.example.invalid; Passport 123", new string[0])]
    public void Every_written_form_of_a_birth_date_is_kept(string remarks, string[] expected)
    {
        var row = $"1,\"DOE, Jane\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"{remarks}\"\r\n";

        Assert.Equal(expected, Only(OfacSdnParser.Parse(new StringReader(row)), "1").BirthDates);
    }

    [Fact]
    public void Lines_ending_LF_only_and_no_end_of_file_byte_read_the_same()
    {
        var unix = Sdn.Replace("\r\n", "\n").TrimEnd('\u001A');

        var result = OfacSdnParser.Parse(new StringReader(unix));

        Assert.Equal(OfacSdnParser.Parse(new StringReader(Sdn)).Entries.Select(e => e.ContentHash()), result.Entries.Select(e => e.ContentHash()));
    }

    [Fact]
    public void Aliases_join_their_entry_in_natural_order_and_orphans_are_left_out()
    {
        const string alt =
            "306,1,\"aka\",\"PETROW, Iwan\",-0- \r\n" +
            "306,2,\"fka\",\"PETROV, Vanya\",-0- \r\n" +
            "173,3,\"aka\",\"ANGLO CARIBBEAN, LIMITED\",-0- \r\n" +
            "999,4,\"aka\",\"NOBODY, Known\",-0- \r\n\u001A";

        var result = OfacSdnParser.Parse(new StringReader(Sdn), new StringReader(alt));

        Assert.Equal(["Iwan PETROW", "Vanya PETROV"], Only(result, "306").Aliases);
        Assert.Equal(["ANGLO CARIBBEAN, LIMITED"], Only(result, "173").Aliases);
        Assert.DoesNotContain(result.Entries, e => e.Aliases.Contains("Known NOBODY"));
    }

    [Fact]
    public void Address_countries_are_mapped_to_ISO_codes_and_unknown_ones_kept()
    {
        const string add =
            "306,1,-0- ,\"Moscow\",\"Russia\",-0- \r\n" +
            "306,2,\"1 Example Street, Flat 2\",\"Pyongyang\",\"Korea, North\",-0- \r\n" +
            "36,3,-0- ,\"Havana\",\"Cuba\",-0- \r\n" +
            "36,4,-0- ,-0- ,\"Atlantis\",-0- \r\n";

        var result = OfacSdnParser.Parse(new StringReader(Sdn), addresses: new StringReader(add));

        Assert.Equal(["RU", "KP"], Only(result, "306").Countries);
        Assert.Equal(["CU", "Atlantis"], Only(result, "36").Countries);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_is_reported_with_its_line()
    {
        var broken = Sdn.Replace("412,\"EP-XYZ\",\"aircraft\",\"IRAN\",-0- ,", "412,\"EP-XYZ\",\"aircraft\",\"IRAN\",");

        var result = OfacSdnParser.Parse(new StringReader(broken));

        Assert.False(result.Succeeded);
        Assert.Empty(result.Entries);
        Assert.Equal(new ListFormatError("SDN.CSV", 5, "expected 12 columns, found 11"), result.Error);
    }

    [Fact]
    public void An_unterminated_quote_is_reported_at_the_line_it_opens()
    {
        var broken = Sdn.Replace("\u001A", "500,\"UNCLOSED NAME,-0- ,-0- ,-0- \r\n501,-0- \r\n\u001A");

        var result = OfacSdnParser.Parse(new StringReader(broken));

        Assert.Equal("SDN.CSV", result.Error!.File);
        Assert.Equal(6, result.Error.LineNumber);
        Assert.Contains("unterminated quote", result.Error.Message);
    }

    [Fact]
    public void A_malformed_alias_file_is_reported_against_that_file()
    {
        const string alt = "306,1,\"aka\",\"PETROW, Iwan\",-0- \r\nnot-a-number,2,\"aka\",\"X\",-0- \r\n";

        var result = OfacSdnParser.Parse(new StringReader(Sdn), new StringReader(alt));

        Assert.Equal(new ListFormatError("ALT.CSV", 2, "ent_num 'not-a-number' is not a number"), result.Error);
    }

    [Fact]
    public void Twenty_thousand_rows_are_read_in_seconds_at_most()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 1; i <= 20_000; i++)
            text.Append(i).Append(",\"SURNAME").Append(i).Append(", Given Middle\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1965; nationality Iran\"\r\n");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = OfacSdnParser.Parse(new StringReader(text.ToString()));

        Assert.Equal(20_000, result.Entries.Count);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }
}
