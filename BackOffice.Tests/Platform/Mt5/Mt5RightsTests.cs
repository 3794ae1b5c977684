using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Platform.Mt5;

namespace BackOffice.Tests.Platform.Mt5;

public sealed class Mt5RightsTests
{
    private static readonly PlatformRights Full = new(true, TradingMode.Full);
    private static readonly PlatformRights CloseOnly = new(true, TradingMode.CloseOnly);
    private static readonly PlatformRights TradingDisabled = new(true, TradingMode.Disabled);

    [Fact]
    public void A_new_account_gets_the_mapped_bits_and_the_broker_defaults()
    {
        const long defaults = Mt5Rights.ChangePassword | Mt5Rights.TrailingAllowed;
        Assert.Equal(Mt5Rights.Enabled | defaults, Mt5Rights.ToBits(Full));
        Assert.Equal(Mt5Rights.Enabled | Mt5Rights.TradingDisabled | defaults, Mt5Rights.ToBits(CloseOnly));
        Assert.Equal(Mt5Rights.Enabled | Mt5Rights.TradingDisabled | defaults, Mt5Rights.ToBits(TradingDisabled));
        Assert.Equal(Mt5Rights.TradingDisabled | defaults, Mt5Rights.ToBits(PlatformRights.Closed));
    }

    [Fact]
    public void Changing_rights_keeps_the_bits_the_dealing_desk_set()
    {
        const long desk = Mt5Rights.Investor | Mt5Rights.ExpertsDisabled | Mt5Rights.Reports;

        Assert.Equal(Mt5Rights.Enabled | desk, Mt5Rights.ToBits(Full, desk | Mt5Rights.Enabled | Mt5Rights.TradingDisabled));
        Assert.Equal(Mt5Rights.TradingDisabled | desk, Mt5Rights.ToBits(PlatformRights.Closed, desk | Mt5Rights.Enabled));
    }

    [Fact]
    public void Rights_read_back_from_the_bits_as_written_except_close_only()
    {
        foreach (var rights in new[] { Full, TradingDisabled, PlatformRights.Closed, new PlatformRights(false, TradingMode.Full) })
            Assert.Equal(rights, Mt5Rights.FromBits(Mt5Rights.ToBits(rights)));

        Assert.Equal(TradingDisabled, Mt5Rights.FromBits(Mt5Rights.ToBits(CloseOnly)));
        Assert.Equal(new PlatformRights(false, TradingMode.Full), Mt5Rights.FromBits(Mt5Rights.ChangePassword));
    }

    [Fact]
    public void Close_only_and_trading_disabled_are_the_same_on_MT5_and_nothing_else_is()
    {
        Assert.True(Mt5Rights.SameOnPlatform(CloseOnly, TradingDisabled));
        Assert.True(Mt5Rights.SameOnPlatform(Full, new PlatformRights(true, TradingMode.Full)));
        Assert.False(Mt5Rights.SameOnPlatform(Full, CloseOnly));
        Assert.False(Mt5Rights.SameOnPlatform(TradingDisabled, PlatformRights.Closed));
    }
}
