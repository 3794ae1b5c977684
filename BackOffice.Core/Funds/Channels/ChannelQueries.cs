using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Channels;

[RequiresPermission(FundsPermissions.View)]
public sealed record PaymentChannels : IBackOfficeQuery<IReadOnlyList<PaymentChannel>>;

public sealed class PaymentChannelsHandler(BackOfficeDb db) : IQueryHandler<PaymentChannels, IReadOnlyList<PaymentChannel>>
{
    public async ValueTask<IReadOnlyList<PaymentChannel>> Handle(PaymentChannels query, CancellationToken ct) =>
        await db.PaymentChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
}

public sealed record ProviderChoice(string Name, string? NotReady);

/// <summary>The providers this installation has for a kind of channel, and what each still needs in the settings for that channel.</summary>
[RequiresPermission(FundsPermissions.Channels)]
public sealed record PaymentProvidersFor(int ChannelId) : IBackOfficeQuery<IReadOnlyList<ProviderChoice>>;

public sealed class PaymentProvidersForHandler(BackOfficeDb db, IEnumerable<Payments.IPaymentProvider> providers)
    : IQueryHandler<PaymentProvidersFor, IReadOnlyList<ProviderChoice>>
{
    public async ValueTask<IReadOnlyList<ProviderChoice>> Handle(PaymentProvidersFor query, CancellationToken ct)
    {
        var channel = await db.PaymentChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.ChannelId, ct);
        return channel is null ? [] : providers.Where(p => p.Serves(channel.Kind)).Select(p => new ProviderChoice(p.Name, p.NotReadyFor(channel))).ToList();
    }
}
