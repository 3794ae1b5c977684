using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Infrastructure.Payments;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Funds.Deposits;

/// <summary>
/// The payment channels are kept between callbacks: a change an administrator makes through its command decides the very
/// next callback on this node, whatever the callbacks before it left in the cache.
/// </summary>
[Trait("Category", "Database")]
public sealed class PaymentChannelCacheTests(SharedApp app) : IClassFixture<SharedApp>
{
    private async Task<DepositStatus> PayByCardAsync(long tradingAccountId, decimal amount)
    {
        var started = await DepositBook.StartAsync(app, tradingAccountId, "card", amount);
        Assert.Equal(200, await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay));
        return (await DepositBook.LoadAsync(app, started.DepositId)).Status;
    }

    [Fact]
    public async Task A_channels_automatic_approval_changed_by_its_command_decides_the_next_callback_at_once()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var card = await app.Db(db => db.PaymentChannels.AsNoTracking().SingleAsync(c => c.Code == "card"));
        Assert.True(card.AutoApproveUpTo >= 200m);
        Assert.Equal(DepositStatus.Credited, await PayByCardAsync(account.Id, 200m)); // within the automatic approval; the channel is now cached

        Must.Succeed(await app.SendAs("admin", new UpdatePaymentChannel(card.Id, ChannelSettings.Of(card) with { AutoApproveUpTo = 100m }, "Test: lower the automatic approval")));
        try
        {
            Assert.Equal(DepositStatus.AwaitingConfirmation, await PayByCardAsync(account.Id, 200m));
        }
        finally
        {
            var changed = await app.Db(db => db.PaymentChannels.AsNoTracking().SingleAsync(c => c.Code == "card"));
            Must.Succeed(await app.SendAs("admin", new UpdatePaymentChannel(card.Id, ChannelSettings.Of(card), "Test: back as it was", changed.Version)));
        }
        Assert.Equal(DepositStatus.Credited, await PayByCardAsync(account.Id, 200m));
    }
}
