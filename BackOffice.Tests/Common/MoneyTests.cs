using BackOffice.Core.Common;

namespace BackOffice.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("12.34", "USD", 1234)]
    [InlineData("12.3", "usd", 1230)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("0.000001", "USDT", 1)]
    [InlineData("-5.5", "EUR", -550)]
    [InlineData("0.001", "KWD", 1)]
    public void An_amount_is_kept_in_the_currencys_own_minor_units(string amount, string currency, long minor)
    {
        var money = Money.From(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency);

        Assert.True(money.Succeeded, money.ToString());
        Assert.Equal(minor, money.Value.Minor);
        Assert.Equal(currency.ToUpperInvariant(), money.Value.Currency);
    }

    [Theory]
    [InlineData("12.345", "USD", "money.precision", "at most 2 decimals")]
    [InlineData("10.5", "JPY", "money.precision", "no decimals")]
    [InlineData("10", "XYZ", "money.currency", "'XYZ' is not a currency")]
    [InlineData("10", "", "money.currency", "No currency")]
    [InlineData("99999999999999999999", "USD", "money.range", "too large")]
    public void An_over_precise_amount_or_an_unknown_currency_is_refused_with_a_sentence(string amount, string currency, string code, string message)
    {
        var error = Must.Fail(Money.From(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency), code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Amounts_of_one_currency_add_and_compare_and_two_currencies_never_mix()
    {
        var a = new Money(1050, "USD");
        var b = new Money(250, "USD");

        Assert.Equal(new Money(1300, "USD"), a + b);
        Assert.Equal(new Money(800, "USD"), a - b);
        Assert.True(b < a);
        Assert.Equal("10.50 USD", a.ToString());
        Assert.Equal("1,500 JPY", new Money(1500, "JPY").ToString());
        Assert.Equal(10.5m, a.Amount);
        Assert.Throws<InvalidOperationException>(() => a + new Money(1, "EUR"));
        Assert.Throws<InvalidOperationException>(() => a < new Money(1, "EUR"));
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, "USD") + new Money(1, "USD"));
    }
}
