using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BackOffice.Core.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Platform.Mt5;

/// <summary>
/// MetaTrader 5 through its Web API, signed in as a manager. One instance per application: it
/// holds the one authenticated session (see <see cref="Mt5Session"/>).
/// </summary>
/// <remarks>
/// Amounts: minor units are sent as two decimals, so account currencies are assumed to have
/// two decimals. Deal times are read as UTC; a server configured in another time zone reports
/// its local time, which is why the lookup of a lost balance operation searches a wide window.
/// </remarks>
public sealed class Mt5WebApiPlatform : ITradingPlatform, IAsyncDisposable, IDisposable
{
    /// <summary>The MT5 deal comment field holds 32 characters.</summary>
    public const int MaxCommentLength = 32;

    private static readonly TimeSpan DealPage = TimeSpan.FromDays(7);
    private static readonly TimeSpan LookupMargin = TimeSpan.FromDays(1);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly Mt5Session _session;
    private readonly TimeProvider _clock;
    private readonly ILogger<Mt5WebApiPlatform> _log;

    // Balance operations sent without a definite answer, with when they were first sent: before
    // one of them is sent again, the platform's deals are searched for it.
    private readonly ConcurrentDictionary<(long Login, string Comment), DateTime> _unresolved = new();
    private readonly ConcurrentDictionary<string, string> _groupCurrencies = new();

    public Mt5WebApiPlatform(IOptions<Mt5Options> options, TimeProvider clock, ILogger<Mt5WebApiPlatform> log)
    {
        _session = new Mt5Session(options.Value, clock, log);
        _clock = clock;
        _log = log;
    }

    public string Name => "mt5";

    public async Task<PlatformAccount> OpenAccountAsync(PlatformAccountSpec spec, CancellationToken ct)
    {
        // MT5 takes the account currency from the group: a group in another currency is a setup mistake.
        var currency = await GroupCurrencyAsync(spec.Settings.Group, ct);
        if (!string.Equals(currency, spec.Currency, StringComparison.OrdinalIgnoreCase))
            throw new PlatformException(PlatformErrorKind.InvalidParameters,
                $"Group {spec.Settings.Group} on the trading platform keeps accounts in {currency}, not {spec.Currency}.");

        var record = new JsonObject
        {
            ["Login"] = Text(spec.Login),
            ["Group"] = spec.Settings.Group,
            ["Name"] = spec.Name,
            ["Email"] = spec.Email,
            ["Country"] = spec.Country,
            ["Leverage"] = Text(spec.Settings.Leverage),
            ["Rights"] = Text(Mt5Rights.ToBits(spec.Settings.Rights)),
            // Random and never kept: the client sets their own through the platform's password reset.
            ["PassMain"] = NewPassword(),
            ["PassInvestor"] = NewPassword(),
        };
        try
        {
            // Safe to send again: a second attempt meets "account already exists" and reads it back.
            var created = await _session.SendAsync(Mt5Request.Post("api/user/add", $"opening account {spec.Login}", record), ct);
            return created["answer"] is JsonObject user ? ToAccount(user) : await GetAccountAsync(spec.Login, ct);
        }
        catch (PlatformException e) when (e.Retcode == Mt5Retcode.AccountExists)
        {
            var existing = await GetAccountAsync(spec.Login, ct);
            if (string.Equals(existing.Name, spec.Name, StringComparison.Ordinal)
                && string.Equals(existing.Email, spec.Email, StringComparison.OrdinalIgnoreCase))
                return existing;
            throw new PlatformException(PlatformErrorKind.Rejected,
                $"Login {spec.Login} is already used on the trading platform by another account ({existing.Name}).", e.Retcode, e);
        }
    }

    public async Task<PlatformAccount> GetAccountAsync(long login, CancellationToken ct) =>
        ToAccount(await UserAsync(login, ct));

    /// <summary>
    /// Read, change, write back: <c>user/update</c> replaces the whole record, so every field this
    /// method does not own (name, e-mail, comment, fields of newer builds …) is sent as it was read.
    /// </summary>
    public async Task UpdateAccountAsync(long login, PlatformSettings settings, CancellationToken ct)
    {
        var record = await UserAsync(login, ct);
        var rights = Mt5Json.Long(record, "Rights", 0);
        var newRights = Mt5Rights.ToBits(settings.Rights, rights);
        if (Mt5Json.Text(record, "Group") == settings.Group
            && Mt5Json.Long(record, "Leverage", 0) == settings.Leverage
            && rights == newRights)
            return;

        record["Group"] = settings.Group;
        Mt5Json.Set(record, "Leverage", settings.Leverage);
        Mt5Json.Set(record, "Rights", newRights);
        await _session.SendAsync(Mt5Request.Post("api/user/update", $"the settings of account {login}", record), ct);
    }

    public async Task<long> BalanceOperationAsync(long login, BalanceOperation operation, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(operation.Comment) || operation.Comment.Length > MaxCommentLength)
            throw new PlatformException(PlatformErrorKind.InvalidParameters,
                $"A balance operation needs a comment of 1 to {MaxCommentLength} characters carrying its reference; \"{operation.Comment}\" is not.");

        var key = (login, operation.Comment);
        if (_unresolved.TryGetValue(key, out var firstSent) && await FindPostedAsync(login, operation, firstSent, ct) is { } earlier)
            return Resolved(key, earlier);

        firstSent = _unresolved.GetOrAdd(key, _clock.GetUtcNow().UtcDateTime);
        try
        {
            return await PostBalanceAsync(login, operation, key, ct);
        }
        catch (PlatformException e) when (e.Transient)
        {
            // No idempotency key on MT5: the operation may have been applied with its answer lost.
            _log.LogWarning("Balance operation {Comment} on {Login} has an unknown outcome ({Reason}); looking for its deal",
                operation.Comment, login, e.Message);
            if (await FindPostedAsync(login, operation, firstSent, ct) is { } posted)
                return Resolved(key, posted);
            return await PostBalanceAsync(login, operation, key, ct);
        }
    }

    public async Task<AccountState> GetStateAsync(long login, CancellationToken ct)
    {
        var account = Mt5Json.Answer(await _session.SendAsync(
            Mt5Request.Get("api/user/account/get", $"the state of account {login}", ("login", login)), ct));
        var currency = Mt5Json.Text(account, "Currency") is { Length: > 0 } given ? given
            : await GroupCurrencyAsync(Mt5Json.Text(await UserAsync(login, ct), "Group"), ct);
        var margin = Mt5Json.Decimal(account, "Margin");
        return new AccountState(
            login,
            currency,
            Mt5Json.Decimal(account, "Balance"),
            Mt5Json.Decimal(account, "Credit"),
            Mt5Json.Decimal(account, "Equity"),
            margin,
            Mt5Json.Decimal(account, "MarginFree"),
            margin == 0 ? null : Mt5Json.Decimal(account, "MarginLevel"),
            await PositionsAsync(login, ct));
    }

    /// <summary>
    /// Asks for the window a week at a time (<c>from</c> and <c>to</c> are inclusive on MT5, so a
    /// deal on a boundary comes twice and is kept once).
    /// </summary>
    public async Task<IReadOnlyList<PlatformDeal>> GetDealsAsync(long login, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        fromUtc = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        toUtc = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
        var deals = new Dictionary<long, PlatformDeal>();
        for (var start = fromUtc; start < toUtc; start += DealPage)
        {
            var end = start + DealPage < toUtc ? start + DealPage : toUtc;
            var page = await _session.SendAsync(Mt5Request.Get("api/deal/get_batch", $"the deals of account {login}",
                ("login", login), ("from", Unix(start)), ("to", Unix(end))), ct);
            foreach (var deal in Mt5Json.Rows(page).Select(ToDeal))
                if (deal.TimeUtc >= fromUtc && deal.TimeUtc < toUtc)
                    deals.TryAdd(deal.Deal, deal);
        }
        return deals.Values.OrderBy(d => d.TimeUtc).ThenBy(d => d.Deal).ToList();
    }

    /// <summary>Close-only is stored as trading disabled on MT5, so the two match (see <see cref="Mt5Rights"/>).</summary>
    public bool Matches(PlatformSettings expected, PlatformSettings actual) =>
        expected.Group == actual.Group && expected.Leverage == actual.Leverage && Mt5Rights.SameOnPlatform(expected.Rights, actual.Rights);

    private async Task<long> PostBalanceAsync(long login, BalanceOperation operation, (long, string) key, CancellationToken ct)
    {
        var request = Mt5Request.Get("api/trade/balance", $"the balance operation on account {login}",
            ("login", login), ("type", (int)operation.Type), ("balance", Amount(operation).ToString("0." + new string('0', Math.Max(operation.Amount.Info.Digits, 2)), Invariant)),
            ("comment", operation.Comment), ("check_margin", operation.CheckMargin ? 1 : 0)) with { Idempotent = false };
        try
        {
            var answer = await _session.SendAsync(request, ct);
            return Resolved(key, Mt5Json.Long(Mt5Json.Answer(answer), "ticket"));
        }
        catch (PlatformException e) when (!e.Transient)
        {
            _unresolved.TryRemove(key, out _); // refused: certainly not applied
            throw;
        }
    }

    private async Task<long?> FindPostedAsync(long login, BalanceOperation operation, DateTime firstSentUtc, CancellationToken ct)
    {
        var amount = Amount(operation);
        var now = _clock.GetUtcNow().UtcDateTime;
        var deals = await GetDealsAsync(login, firstSentUtc - LookupMargin, now + LookupMargin, ct);
        var posted = deals.LastOrDefault(d => d.Comment == operation.Comment && d.Profit == amount
            && d.Action is not (DealAction.Buy or DealAction.Sell));
        if (posted is not null)
            _log.LogInformation("Balance operation {Comment} on {Login} was applied as deal {Deal}", operation.Comment, login, posted.Deal);
        return posted?.Deal;
    }

    private long Resolved((long, string) key, long ticket)
    {
        _unresolved.TryRemove(key, out _);
        return ticket;
    }

    private async Task<JsonObject> UserAsync(long login, CancellationToken ct)
    {
        var answer = await _session.SendAsync(Mt5Request.Get("api/user/get", $"the request for account {login}", ("login", login)), ct);
        return Mt5Json.Answer(answer).DeepClone().AsObject();
    }

    private async Task<string> GroupCurrencyAsync(string group, CancellationToken ct)
    {
        if (_groupCurrencies.TryGetValue(group, out var known))
            return known;
        var answer = await _session.SendAsync(Mt5Request.Get("api/group/get", $"the request for group {group}", ("group", group)), ct);
        var currency = Mt5Json.Text(Mt5Json.Answer(answer), "Currency");
        if (currency.Length == 0)
            throw new PlatformException(PlatformErrorKind.Rejected, $"The trading platform gave no currency for group {group}.");
        return _groupCurrencies[group] = currency;
    }

    private async Task<IReadOnlyList<OpenPosition>> PositionsAsync(long login, CancellationToken ct)
    {
        const int pageSize = 100;
        var positions = new List<OpenPosition>();
        for (var offset = 0; ; offset += pageSize)
        {
            var page = Mt5Json.Rows(await _session.SendAsync(Mt5Request.Get("api/position/get_page", $"the positions of account {login}",
                ("login", login), ("offset", offset), ("total", pageSize)), ct)).ToList();
            positions.AddRange(page.Select(p => new OpenPosition(
                Mt5Json.Long(p, "Position"),
                Mt5Json.Text(p, "Symbol"),
                Mt5Json.Long(p, "Action") == 0,
                Mt5Json.Decimal(p, "Volume") / 10_000m,
                Mt5Json.Decimal(p, "PriceOpen"),
                Mt5Json.Decimal(p, "PriceCurrent"),
                Mt5Json.Decimal(p, "Profit"))));
            if (page.Count < pageSize)
                return positions;
        }
    }

    private static PlatformAccount ToAccount(JsonObject user) => new(
        Mt5Json.Long(user, "Login"),
        Mt5Json.Text(user, "Name"),
        Mt5Json.Text(user, "Email"),
        Mt5Json.Text(user, "Country"),
        new PlatformSettings(
            Mt5Json.Text(user, "Group"),
            (int)Mt5Json.Long(user, "Leverage", 0),
            Mt5Rights.FromBits(Mt5Json.Long(user, "Rights", 0))));

    private static PlatformDeal ToDeal(JsonObject deal) => new(
        Mt5Json.Long(deal, "Deal"),
        Mt5Json.Long(deal, "Login"),
        DateTimeOffset.FromUnixTimeSeconds(Mt5Json.Long(deal, "Time")).UtcDateTime,
        ToAction(Mt5Json.Long(deal, "Action")),
        (DealEntry)Mt5Json.Long(deal, "Entry", 0),
        Mt5Json.Text(deal, "Symbol"),
        Mt5Json.Decimal(deal, "Volume", 0) / 10_000m,
        Mt5Json.Decimal(deal, "Price", 0),
        Mt5Json.Decimal(deal, "Profit", 0),
        Mt5Json.Decimal(deal, "Commission", 0),
        Mt5Json.Decimal(deal, "Swap", 0),
        Mt5Json.Text(deal, "Comment"));

    /// <summary>
    /// MT5 has many non-trading deal actions (charge, correction, bonus, commissions, dividends …);
    /// all of them move the balance except credit and stop-out credit compensation (20).
    /// </summary>
    private static DealAction ToAction(long action) => action switch
    {
        0 => DealAction.Buy,
        1 => DealAction.Sell,
        3 or 20 => DealAction.Credit,
        _ => DealAction.Balance,
    };

    private static decimal Amount(BalanceOperation operation) => operation.Amount.Amount;

    private static long Unix(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds();

    private static string Text(long value) => value.ToString(Invariant);

    /// <summary>16 characters with lower and upper case, digits and a symbol, as MT5's password policy asks.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789#@$%&*!?";
        while (true)
        {
            var password = RandomNumberGenerator.GetString(alphabet, 16);
            if (password.Any(char.IsLower) && password.Any(char.IsUpper) && password.Any(char.IsDigit) && password.Any(c => !char.IsLetterOrDigit(c)))
                return password;
        }
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    public void Dispose() => _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
