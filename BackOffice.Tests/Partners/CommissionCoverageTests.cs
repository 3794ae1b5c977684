using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;

namespace BackOffice.Tests.Partners;

/// <summary>Which deals earlier runs computed, from each run's last deal recorded and its period's end; and deals read as stored.</summary>
public sealed class CommissionCoverageTests
{
    private static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_deal_is_computed_when_a_run_that_had_it_recorded_ends_after_it_and_the_next_run_reads_the_rest()
    {
        // A: deals up to 100, dated before Oct 10. B: up to 150, before Oct 20. C, an earlier period run later: up to 200, before Oct 5.
        var coverage = new CommissionCoverage([(100, Oct1.AddDays(9)), (150, Oct1.AddDays(19)), (200, Oct1.AddDays(4))]);
        Assert.True(coverage.Covers(50, Oct1.AddDays(15)));
        Assert.False(coverage.Covers(50, Oct1.AddDays(25)));
        Assert.True(coverage.Covers(120, Oct1.AddDays(18)));
        Assert.False(coverage.Covers(160, Oct1.AddDays(6)));
        Assert.True(coverage.Covers(160, Oct1.AddDays(3)));
        Assert.False(coverage.Covers(201, Oct1));

        Assert.Equal([(0L, 150L, Oct1.AddDays(19)), (150L, 200L, Oct1.AddDays(4)), (200L, 250L, DateTime.MinValue)], coverage.Pending(250, Oct1.AddDays(30)));
        // A run to Oct 20 again: nothing before 150 is new; what C left from Oct 5, and what was recorded after every run, is.
        Assert.Equal([(150L, 200L, Oct1.AddDays(4)), (200L, 250L, DateTime.MinValue)], coverage.Pending(250, Oct1.AddDays(19)));
        Assert.Empty(new CommissionCoverage([(250, Oct1.AddDays(19))]).Pending(250, Oct1.AddDays(19)));
    }

    [Theory]
    [InlineData("2026-10-01 09:30:00", 0L)]
    [InlineData("2026-10-01 09:30:00.5", 5_000_000L)]
    [InlineData("2026-10-01 09:30:00.1234567", 1_234_567L)]
    [InlineData("2026-10-01T09:30:00.0000001", 1L)]
    public void A_stored_time_is_read_to_the_tick(string stored, long ticks) =>
        Assert.Equal(new DateTime(2026, 10, 1, 9, 30, 0).AddTicks(ticks), StoredText.DateTime(System.Text.Encoding.UTF8.GetBytes(stored)));

    [Theory]
    [InlineData("1.37", "1.37")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("3", "3")]
    [InlineData("1E-05", "0.00001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void A_stored_decimal_is_read_exactly(string stored, string value) =>
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), StoredText.Decimal(System.Text.Encoding.UTF8.GetBytes(stored)));

    [Fact]
    public void A_stored_text_is_made_once()
    {
        var sides = new StoredTexts<DealAction>(Enum.Parse<DealAction>);
        var symbols = new StoredTexts<string>(s => s);
        Assert.Equal(DealAction.Sell, sides.Of("Sell"u8));
        Assert.Same(symbols.Of("EURUSD"u8), symbols.Of("EURUSD"u8.ToArray()));
        Assert.Equal("XAUUSD", symbols.Of("XAUUSD"u8));
    }
}
