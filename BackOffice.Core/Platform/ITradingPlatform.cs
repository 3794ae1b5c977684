namespace BackOffice.Core.Platform;

/// <summary>
/// The trading platform (MT5 or the embedded simulator): where clients trade. BackOffice is
/// the system of record for who may trade and how; the platform executes. Every method may
/// throw <see cref="PlatformException"/>: <see cref="PlatformException.Transient"/> ones
/// (down, timed out, session lost) are retried later; the others are answers to act on.
/// </summary>
public interface ITradingPlatform
{
    /// <summary>Which adapter this is, shown to operators ("simulator", "mt5").</summary>
    string Name { get; }

    /// <summary>
    /// Creates the account under the login BackOffice allocated. Opening a login that already
    /// exists with the same settings is not an error (a retry after a timeout must not fail).
    /// </summary>
    Task<PlatformAccount> OpenAccountAsync(PlatformAccountSpec spec, CancellationToken ct);

    Task<PlatformAccount> GetAccountAsync(long login, CancellationToken ct);

    /// <summary>Sets group, leverage and rights; every other field the platform holds is kept.</summary>
    Task UpdateAccountAsync(long login, PlatformSettings settings, CancellationToken ct);

    /// <summary>Posts a balance operation and returns the platform's deal ticket.</summary>
    Task<long> BalanceOperationAsync(long login, BalanceOperation operation, CancellationToken ct);

    Task<AccountState> GetStateAsync(long login, CancellationToken ct);

    /// <summary>Deals of one login in [from, to), oldest first.</summary>
    Task<IReadOnlyList<PlatformDeal>> GetDealsAsync(long login, DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    /// <summary>
    /// Whether the platform holds what BackOffice expects. A platform that cannot express a
    /// difference (MT5 has no close-only right) says two settings are the same when it stores them alike.
    /// </summary>
    bool Matches(PlatformSettings expected, PlatformSettings actual) => expected == actual;
}

/// <summary>What the platform lets an account do. Derived from the client's status and restriction.</summary>
public enum TradingMode
{
    /// <summary>Open and close positions.</summary>
    Full,

    /// <summary>Close existing positions only.</summary>
    CloseOnly,

    /// <summary>No trading; the client can still sign in and see the account.</summary>
    Disabled,
}

/// <summary>The rights BackOffice keeps in sync: whether the account exists for the client at all, and how it may trade.</summary>
public sealed record PlatformRights(bool Enabled, TradingMode Trading)
{
    public static PlatformRights Closed { get; } = new(false, TradingMode.Disabled);

    public override string ToString() => !Enabled ? "disabled" : Trading switch
    {
        TradingMode.Full => "full trading",
        TradingMode.CloseOnly => "close-only",
        _ => "trading disabled",
    };
}

public sealed record PlatformSettings(string Group, int Leverage, PlatformRights Rights);

public sealed record PlatformAccountSpec(
    long Login,
    string Name,
    string Email,
    string Country,
    string Currency,
    PlatformSettings Settings);

public sealed record PlatformAccount(long Login, string Name, string Email, string Country, PlatformSettings Settings);

public enum BalanceOperationType
{
    Balance = 2,
    Credit = 3,
    Charge = 4,
    Correction = 5,
    Bonus = 6,
}

/// <summary>
/// <paramref name="Amount"/> is signed (negative withdraws), in the account's currency. <paramref name="Comment"/> carries
/// our compact reference (e.g. <c>BO#…</c>) so that an operation whose outcome is unknown can be found.
/// </summary>
public sealed record BalanceOperation(BalanceOperationType Type, Common.Money Amount, string Comment, bool CheckMargin);

public sealed record OpenPosition(long Ticket, string Symbol, bool Buy, decimal Lots, decimal OpenPrice, decimal CurrentPrice, decimal Profit);

/// <summary>Money figures are in the account currency, as the platform reports them.</summary>
public sealed record AccountState(
    long Login,
    string Currency,
    decimal Balance,
    decimal Credit,
    decimal Equity,
    decimal Margin,
    decimal FreeMargin,
    decimal? MarginLevel,
    IReadOnlyList<OpenPosition> Positions);

public enum DealAction
{
    Buy = 0,
    Sell = 1,
    Balance = 2,
    Credit = 3,
}

public enum DealEntry
{
    In = 0,
    Out = 1,
    InOut = 2,
    OutBy = 3,
}

public sealed record PlatformDeal(
    long Deal,
    long Login,
    DateTime TimeUtc,
    DealAction Action,
    DealEntry Entry,
    string Symbol,
    decimal Lots,
    decimal Price,
    decimal Profit,
    decimal Commission,
    decimal Swap,
    string Comment);

public enum PlatformErrorKind
{
    /// <summary>Down, timed out or the session was lost: try again later.</summary>
    Unavailable,
    NotFound,
    InvalidParameters,
    NotEnoughPermissions,
    NotEnoughMoney,
    AuthenticationFailed,
    Rejected,
}

public sealed class PlatformException(PlatformErrorKind kind, string message, int? retcode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public PlatformErrorKind Kind { get; } = kind;

    /// <summary>The platform's own code when it gave one (MT5 retcode).</summary>
    public int? Retcode { get; } = retcode;

    public bool Transient => Kind == PlatformErrorKind.Unavailable;

    /// <summary>The platform could not be talked to (down, or our sign-in refused): an outage, not a verdict on the request.</summary>
    public bool Unreachable => Transient || Kind == PlatformErrorKind.AuthenticationFailed;
}
