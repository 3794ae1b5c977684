using System.Text;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Reconciliation;

namespace BackOffice.Tests.Funds.Reconciliation;

public sealed class StatementMatcherTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    private static StatementRow Row(int n, decimal amount, string? id = null, string? reference = null, int day = 0, string currency = "USD") =>
        new(n, Day.AddDays(day), Money.From(amount, currency).Value, id, reference, null);

    private static OurItem Ours(OurSide side, long id, string reference, decimal amount, int day = 0, string? providerId = null, bool awaiting = false) =>
        new(side, id, reference, providerId is null ? [] : [providerId], Money.From(amount, "USD").Value, Day.AddDays(day), awaiting);

    private static MatchOutcome Match(IReadOnlyList<StatementRow> rows, params OurItem[] ours) =>
        StatementMatcher.Match(rows, ours, Day.AddDays(-1), Day.AddDays(1), toleranceDays: 3);

    [Fact]
    public void The_provider_id_pairs_first_even_when_the_amount_differs_and_then_it_is_a_mismatch()
    {
        var outcome = Match([Row(2, 99.50m, id: "pi_1"), Row(3, 40m, id: "pi_2")],
            Ours(OurSide.Deposit, 1, "D-100001", 100m, providerId: "pi_1"), Ours(OurSide.Deposit, 2, "D-100002", 40m, providerId: "PI_2"));

        Assert.Equal((LineMatch.Mismatch, MatchKey.ProviderId, 1L), (outcome.Lines[0].Match, outcome.Lines[0].By, outcome.Lines[0].Item!.Id));
        Assert.Contains("99.50", outcome.Lines[0].Note);
        Assert.Equal((LineMatch.Matched, MatchKey.ProviderId, 2L), (outcome.Lines[1].Match, outcome.Lines[1].By, outcome.Lines[1].Item!.Id));
        Assert.Empty(outcome.OursOnly);
    }

    [Fact]
    public void Our_reference_written_in_the_details_pairs_and_the_sign_must_agree()
    {
        var deposit = Ours(OurSide.Deposit, 7, "D-100007", 250m);
        var refund = Ours(OurSide.Refund, 7, "D-100007", -250m, day: 1);
        var outcome = Match([Row(2, -250m, reference: "REFUND D-100007 card"), Row(3, 250m, reference: "Payment ref d-100007, thanks")], deposit, refund);

        Assert.Same(refund, outcome.Lines[0].Item);
        Assert.Same(deposit, outcome.Lines[1].Item);
        Assert.All(outcome.Lines, l => Assert.Equal((LineMatch.Matched, MatchKey.Reference), (l.Match, l.By)));
    }

    [Fact]
    public void Amount_and_date_pair_only_when_one_candidate_is_nearest_within_the_tolerance()
    {
        var near = Ours(OurSide.Withdrawal, 1, "W-100001", -500m, day: 1);
        var far = Ours(OurSide.Withdrawal, 2, "W-100002", -500m, day: -5);
        var twinA = Ours(OurSide.Deposit, 3, "D-100003", 75m);
        var twinB = Ours(OurSide.Deposit, 4, "D-100004", 75m);
        var outcome = Match([Row(2, -500m), Row(3, 75m), Row(4, 12m)], near, far, twinA, twinB);

        Assert.Equal((LineMatch.Matched, MatchKey.AmountAndDate), (outcome.Lines[0].Match, outcome.Lines[0].By));
        Assert.Same(near, outcome.Lines[0].Item);
        Assert.Equal(LineMatch.Unmatched, outcome.Lines[1].Match);
        Assert.Contains("D-100003, D-100004", outcome.Lines[1].Note);
        Assert.Equal((LineMatch.Unmatched, null), (outcome.Lines[2].Match, outcome.Lines[2].Note));
        // Inside the period and unpaired: ours only. The far payout lies outside the statement's period.
        Assert.Equal(["D-100003", "D-100004"], outcome.OursOnly.Select(o => o.Reference).Order());
    }

    [Fact]
    public void Each_side_is_used_once_and_a_line_in_another_currency_never_pairs_on_amount()
    {
        var one = Ours(OurSide.Deposit, 1, "D-100001", 300m, providerId: "tx-1");
        var outcome = Match([Row(2, 300m, id: "tx-1"), Row(3, 300m, id: "tx-1"), Row(4, 300m, currency: "EUR")], one);

        Assert.Equal(LineMatch.Matched, outcome.Lines[0].Match);
        Assert.Equal(LineMatch.Unmatched, outcome.Lines[1].Match);
        Assert.Equal(LineMatch.Unmatched, outcome.Lines[2].Match);
    }

    [Fact]
    public void A_wire_still_awaiting_payment_is_named_but_left_for_finance_to_confirm()
    {
        var awaiting = Ours(OurSide.Deposit, 9, "D-100009", 5_000m, day: -20, awaiting: true);
        var outcome = Match([Row(2, 5_000m, reference: "D-100009 J SMITH"), Row(3, 5_000m)], awaiting);

        Assert.Equal((LineMatch.Unmatched, MatchKey.Reference), (outcome.Lines[0].Match, outcome.Lines[0].By));
        Assert.Same(awaiting, outcome.Lines[0].Item);
        Assert.Contains("awaiting payment", outcome.Lines[0].Note);
        Assert.Null(outcome.Lines[1].Item);
        Assert.Empty(outcome.OursOnly);
    }

    [Fact]
    public void The_standard_card_layout_reads_signed_lines_with_quoted_cells()
    {
        var csv = StatementLayout.StandardHeader(ChannelKind.Card) + "\n" +
                  "2026-11-20T10:15:00Z,pi_1,D-100001,charge,150.00,USD,4.35,\"Smith, John\"\n" +
                  "2026-11-21T08:00:00Z,re_1,D-100001,refund,-150.00,usd,0,\"Smith, John\"\n";
        var read = StatementReader.Read(Encoding.UTF8.GetBytes(csv), "card.csv", StatementLayout.StandardFor(ChannelKind.Card), 100);

        Assert.True(read.Succeeded, string.Join(" ", read.Errors));
        Assert.Equal([new StatementRow(2, Day, new Money(15_000, "USD"), "pi_1", "D-100001", "Smith, John"),
            new StatementRow(3, Day.AddDays(1), new Money(-15_000, "USD"), "re_1", "D-100001", "Smith, John")], read.Rows);
    }

    [Fact]
    public void A_mapped_bank_file_reads_semicolons_local_dates_decimal_commas_and_a_direction_column()
    {
        var layout = new StatementLayout
        {
            Delimiter = ";", DateColumn = "Buchungstag", AmountColumn = "Betrag", FixedCurrency = "EUR", ReferenceColumn = "Verwendungszweck",
            PayerColumn = "Auftraggeber", DirectionColumn = "S/H", DebitMarkers = "S", DateFormat = "dd.MM.yyyy", DecimalComma = true,
        };
        Assert.Empty(layout.Problems());
        var csv = "Buchungstag;Auftraggeber;Verwendungszweck;Betrag;S/H\n20.11.2026;Max Muster;D-100042;1.234,50;H\n21.11.2026;Bank;Gebühr;12,00;S\n";
        var read = StatementReader.Read(Encoding.UTF8.GetBytes(csv), "bank.csv", layout, 100);

        Assert.True(read.Succeeded, string.Join(" ", read.Errors));
        Assert.Equal((new Money(123_450, "EUR"), "Max Muster"), (read.Rows[0].Amount, read.Rows[0].Payer));
        Assert.Equal(new Money(-1_200, "EUR"), read.Rows[1].Amount);
    }

    [Fact]
    public void A_file_with_bad_lines_is_refused_whole_naming_each_line()
    {
        var csv = StatementLayout.StandardHeader(ChannelKind.Crypto) + "\n" +
                  "2026-11-20,np_1,D-1,10.1234567,USDT,T1\n" + // USDT keeps six decimals
                  "20/11/2026,np_2,D-2,10,USDT,T2\n" +
                  "2026-11-20,np_3,D-3,ten,USDT,T3\n" +
                  "2026-11-20,np_4,D-4,10,XXX,T4\n" +
                  "2026-11-20,np_5,D-5,10,USDT,T5\n" +
                  "2026-11-20,np_6\n";
        var read = StatementReader.Read(Encoding.UTF8.GetBytes(csv), "crypto.csv", StatementLayout.StandardFor(ChannelKind.Crypto), 100);

        Assert.False(read.Succeeded);
        Assert.Empty(read.Rows);
        Assert.Equal(5, read.Errors.Count);
        Assert.StartsWith("Line 2: USDT amounts have at most 6 decimals", read.Errors[0]);
        Assert.StartsWith("Line 3: \"20/11/2026\" is not a date", read.Errors[1]);
        Assert.StartsWith("Line 4: \"ten\" is not an amount", read.Errors[2]);
        Assert.StartsWith("Line 5: XXX is not a supported currency", read.Errors[3]);
        Assert.StartsWith("Line 7: 2 cells", read.Errors[4]);

        var missing = StatementReader.Read("date,amount\n2026-11-20,5\n"u8.ToArray(), "x.csv", StatementLayout.StandardFor(ChannelKind.Crypto), 100);
        Assert.Contains("has no \"currency\", \"payment_id\", \"order_id\", \"address\" column", missing.Errors.Single());
        var tooLong = StatementReader.Read(Encoding.UTF8.GetBytes(StatementLayout.StandardHeader(ChannelKind.Crypto) + "\n" +
            string.Concat(Enumerable.Repeat("2026-11-20,np,D-1,1,USDT,T\n", 4))), "x.csv", StatementLayout.StandardFor(ChannelKind.Crypto), 3);
        Assert.Contains("more than 3 lines", tooLong.Errors.Single());
    }

    [Fact]
    public void A_mapping_that_cannot_work_says_what_is_missing()
    {
        var problems = new StatementLayout { Delimiter = ";;", AmountColumn = "amount", DirectionColumn = "dc", DateFormat = "%" }.Problems().ToList();
        Assert.Contains("The delimiter is one character: a comma, semicolon, tab or pipe.", problems);
        Assert.Contains("Name the column that holds the date.", problems);
        Assert.Contains("Name the currency column, or give the one currency of the whole statement.", problems);
        Assert.Contains("Name at least the reference column or the provider's id column, so lines can be matched by more than amount.", problems);
        Assert.Contains("Give the values of the direction column that mean money out (e.g. D, DR, Debit).", problems);
        Assert.Contains(problems, p => p.Contains("is not a date format"));
    }
}
