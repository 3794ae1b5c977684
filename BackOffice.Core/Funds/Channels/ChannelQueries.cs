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
