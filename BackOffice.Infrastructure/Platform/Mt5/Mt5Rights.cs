using BackOffice.Core.Platform;

namespace BackOffice.Infrastructure.Platform.Mt5;

/// <summary>
/// The one place where <see cref="PlatformRights"/> meet the MT5 user rights bit set. Only the
/// enabled and trading-disabled bits are BackOffice's; every other bit (password change, trailing,
/// investor, experts, reports …) is the dealing desk's and is kept as the platform holds it.
/// </summary>
/// <remarks>
/// The Web API user rights have no close-only bit: close-only is written as trading disabled, so
/// a close-only client cannot close positions by themselves on MT5 (the dealing desk closes them).
/// Reading back gives <see cref="TradingMode.Disabled"/>; compare with <see cref="SameOnPlatform"/>.
/// </remarks>
public static class Mt5Rights
{
    public const long Enabled = 1;
    public const long ChangePassword = 2;
    public const long TradingDisabled = 4;
    public const long Investor = 8;
    public const long Confirmed = 16;
    public const long TrailingAllowed = 32;
    public const long ExpertsDisabled = 64;
    public const long Reports = 128;

    /// <summary>The broker's usual defaults for a new account besides the mapped bits.</summary>
    public const long NewAccountDefaults = ChangePassword | TrailingAllowed;

    private const long Mapped = Enabled | TradingDisabled;

    // Reading picks the first row with the bits, so Disabled is listed before CloseOnly.
    private static readonly (PlatformRights Rights, long Bits)[] Table =
    [
        (new(true, TradingMode.Full), Enabled),
        (new(true, TradingMode.Disabled), Enabled | TradingDisabled),
        (new(true, TradingMode.CloseOnly), Enabled | TradingDisabled),
        (new(false, TradingMode.Disabled), TradingDisabled),
        (new(false, TradingMode.Full), 0),
        (new(false, TradingMode.CloseOnly), TradingDisabled),
    ];

    /// <summary>The bit set to write: <paramref name="current"/> with the mapped bits replaced.</summary>
    public static long ToBits(PlatformRights rights, long current = NewAccountDefaults) =>
        (current & ~Mapped) | MappedBits(rights);

    public static PlatformRights FromBits(long bits) => Table.First(row => row.Bits == (bits & Mapped)).Rights;

    /// <summary>Whether MT5 cannot tell the two apart (close-only and trading disabled look the same there).</summary>
    public static bool SameOnPlatform(PlatformRights a, PlatformRights b) => MappedBits(a) == MappedBits(b);

    private static long MappedBits(PlatformRights rights) => Table.First(row => row.Rights == rights).Bits;
}
