using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Channels;

/// <summary>
/// The payment channels by code, which every provider callback reads, kept between commands: an administrator changes
/// them rarely, and a saved change empties the cache (<see cref="SharedCache{T}"/>). The channels handed out are shared
/// between commands: read them, never change them (a change goes through <see cref="UpdatePaymentChannel"/>).
/// </summary>
internal static class PaymentChannelCache
{
    private static readonly SharedCache<IReadOnlyDictionary<string, PaymentChannel>> Cache = new(SharedCaches.PaymentChannels);

    public static void Invalidate() => Cache.Invalidate();

    public static async Task<PaymentChannel?> ByCodeAsync(BackOfficeDb db, string code, CancellationToken ct) =>
        (await Cache.GetAsync(db, ReadAsync, ct)).GetValueOrDefault(code);

    private static async Task<IReadOnlyDictionary<string, PaymentChannel>> ReadAsync(BackOfficeDb db, CancellationToken ct) =>
        await db.PaymentChannels.AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
}
