using System.Text.Json;
using BackOffice.Core.Platform;

namespace BackOffice.Infrastructure.Platform.Simulator;

/// <summary>How the simulator behaves now: set from the demo page or a test.</summary>
public enum SimulatorMode
{
    Normal,

    /// <summary>Every call fails as if the platform were unreachable.</summary>
    Down,

    /// <summary>Every call refuses with a platform error (e.g. an unknown group).</summary>
    Refusing,
}

/// <summary>
/// The embedded trading platform used by demo mode, the tests and the benchmarks. It keeps its
/// own accounts, positions and deals; prices move with time (a deterministic function of the
/// clock, so a test that moves the clock sees P/L move); it can be told to fail, lag or drift.
/// </summary>
public sealed class PlatformSimulator : ITradingPlatform, IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<long, SimAccount> _accounts = [];
    private readonly TimeProvider _clock;
    private readonly string? _stateFile;
    private readonly ITimer? _saver;
    private long _nextTicket = 10_000_000;
    private bool _dirty;

    public PlatformSimulator(TimeProvider clock, string? stateFile = null)
    {
        _clock = clock;
        _stateFile = stateFile;
        if (stateFile is not null)
        {
            Load(stateFile);
            _saver = clock.CreateTimer(_ => Save(), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        }
    }

    public string Name => "simulator";

    public SimulatorMode Mode { get; set; }

    /// <summary>Added to every call (a slow platform).</summary>
    public TimeSpan Lag { get; set; }

    /// <summary>The next this many balance operations are applied but their answer is lost (a timeout after success).</summary>
    public int LoseBalanceAnswers { get; set; }

    /// <summary>The error given while <see cref="SimulatorMode.Refusing"/>.</summary>
    public string RefusalText { get; set; } = "Invalid parameters";

    /// <summary>How many times each login's settings were changed on the platform (tests count "applied exactly once").</summary>
    public IReadOnlyDictionary<long, int> UpdatesApplied
    {
        get { lock (_gate) return _accounts.ToDictionary(a => a.Key, a => a.Value.Updates); }
    }

    public static readonly IReadOnlyList<SimSymbol> Symbols =
    [
        new("EURUSD", 1.0850m, 100_000, 5, QuoteIsUsd: true),
        new("GBPUSD", 1.2700m, 100_000, 5, QuoteIsUsd: true),
        new("USDJPY", 150.20m, 100_000, 3, QuoteIsUsd: false),
        new("XAUUSD", 2050.00m, 100, 2, QuoteIsUsd: true),
    ];

    public async Task<PlatformAccount> OpenAccountAsync(PlatformAccountSpec spec, CancellationToken ct)
    {
        await Gate(ct);
        lock (_gate)
        {
            if (_accounts.TryGetValue(spec.Login, out var existing))
                return existing.ToAccount(spec.Login);
            _accounts[spec.Login] = new SimAccount
            {
                Name = spec.Name, Email = spec.Email, Country = spec.Country, Currency = spec.Currency,
                Group = spec.Settings.Group, Leverage = spec.Settings.Leverage,
                Enabled = spec.Settings.Rights.Enabled, Trading = spec.Settings.Rights.Trading,
            };
            _dirty = true;
            return _accounts[spec.Login].ToAccount(spec.Login);
        }
    }

    public async Task<PlatformAccount> GetAccountAsync(long login, CancellationToken ct)
    {
        await Gate(ct);
        lock (_gate) return Find(login).ToAccount(login);
    }

    public async Task UpdateAccountAsync(long login, PlatformSettings settings, CancellationToken ct)
    {
        await Gate(ct);
        lock (_gate)
        {
            var a = Find(login);
            a.Group = settings.Group;
            a.Leverage = settings.Leverage;
            a.Enabled = settings.Rights.Enabled;
            a.Trading = settings.Rights.Trading;
            a.Updates++;
            _dirty = true;
        }
    }

    public async Task<long> BalanceOperationAsync(long login, BalanceOperation operation, CancellationToken ct)
    {
        await Gate(ct);
        if (operation.Comment.Length > 32)
            throw new PlatformException(PlatformErrorKind.InvalidParameters, "The platform refused: the comment is longer than 32 characters.", 3);
        lock (_gate)
        {
            var a = Find(login);
            var amount = operation.Amount.Amount;
            var state = StateOf(login, a);
            if (operation.CheckMargin && amount < 0 && state.FreeMargin + amount < 0)
                throw new PlatformException(PlatformErrorKind.NotEnoughMoney, "The platform refused: not enough money (10019).", 10019);
            if (operation.Type == BalanceOperationType.Credit) a.Credit += amount;
            else a.Balance += amount;
            var ticket = ++_nextTicket;
            a.Deals.Add(new SimDeal(ticket, Now, operation.Type == BalanceOperationType.Credit ? DealAction.Credit : DealAction.Balance,
                DealEntry.In, "", 0, 0, amount, operation.Comment));
            _dirty = true;
            if (LoseBalanceAnswers > 0)
            {
                LoseBalanceAnswers--;
                throw new PlatformException(PlatformErrorKind.Unavailable, "The trading platform did not answer in time (the operation may have been applied).");
            }
            return ticket;
        }
    }

    public async Task<AccountState> GetStateAsync(long login, CancellationToken ct)
    {
        await Gate(ct);
        lock (_gate) return StateOf(login, Find(login));
    }

    public async Task<IReadOnlyList<PlatformDeal>> GetDealsAsync(long login, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        await Gate(ct);
        lock (_gate)
            return Find(login).Deals.Where(d => d.Time >= fromUtc && d.Time < toUtc).OrderBy(d => d.Time)
                .Select(d => new PlatformDeal(d.Ticket, login, d.Time, d.Action, d.Entry, d.Symbol, d.Lots, d.Price, d.Profit, 0, 0, d.Comment)).ToList();
    }

    /// <summary>A client trading: refused as the platform would when the account's rights do not allow it.</summary>
    public long OpenPosition(long login, string symbol, bool buy, decimal lots)
    {
        lock (_gate)
        {
            var a = Find(login);
            if (!a.Enabled || a.Trading != TradingMode.Full)
                throw new PlatformException(PlatformErrorKind.NotEnoughPermissions, $"Trading is not allowed on account {login} ({new PlatformRights(a.Enabled, a.Trading)}).", 8);
            var s = Symbols.Single(x => x.Name == symbol);
            var price = PriceOf(s, Now);
            var ticket = ++_nextTicket;
            a.Positions.Add(new SimPosition(ticket, symbol, buy, lots, price));
            a.Deals.Add(new SimDeal(ticket, Now, buy ? DealAction.Buy : DealAction.Sell, DealEntry.In, symbol, lots, price, 0, ""));
            _dirty = true;
            return ticket;
        }
    }

    public decimal ClosePosition(long login, long ticket)
    {
        lock (_gate)
        {
            var a = Find(login);
            if (!a.Enabled || a.Trading == TradingMode.Disabled)
                throw new PlatformException(PlatformErrorKind.NotEnoughPermissions, $"Trading is not allowed on account {login}.", 8);
            var p = a.Positions.SingleOrDefault(x => x.Ticket == ticket)
                ?? throw new PlatformException(PlatformErrorKind.NotFound, $"Position {ticket} was not found.", 13);
            var s = Symbols.Single(x => x.Name == p.Symbol);
            var price = PriceOf(s, Now);
            var profit = ProfitOf(p, s, price);
            a.Positions.Remove(p);
            a.Balance += profit;
            a.Deals.Add(new SimDeal(++_nextTicket, Now, p.Buy ? DealAction.Sell : DealAction.Buy, DealEntry.Out, p.Symbol, p.Lots, price, profit, ""));
            _dirty = true;
            return profit;
        }
    }

    /// <summary>Changes the platform behind BackOffice's back, as a dealer editing an account by hand would.</summary>
    public void Drift(long login, int? leverage = null, string? group = null, PlatformRights? rights = null)
    {
        lock (_gate)
        {
            var a = Find(login);
            if (leverage is { } l) a.Leverage = l;
            if (group is { } g) a.Group = g;
            if (rights is { } r) { a.Enabled = r.Enabled; a.Trading = r.Trading; }
            _dirty = true;
        }
    }

    public IReadOnlyList<long> Logins
    {
        get { lock (_gate) return _accounts.Keys.Order().ToList(); }
    }

    /// <summary>Prices wander around their base with a few slow waves: deterministic in time, so P/L moves as the clock does.</summary>
    public static decimal PriceOf(SimSymbol s, DateTime at)
    {
        var t = (at - DateTime.UnixEpoch).TotalSeconds;
        var hash = s.Name.Aggregate(0, (h, c) => h * 31 + c) % 1000;
        var wave = 0.004 * Math.Sin(t / 900 + hash) + 0.002 * Math.Sin(t / 97 + hash * 0.7) + 0.0007 * Math.Sin(t / 13 + hash * 1.3);
        return Math.Round(s.BasePrice * (decimal)(1 + wave), s.Digits);
    }

    private static decimal ProfitOf(SimPosition p, SimSymbol s, decimal price)
    {
        var move = (price - p.OpenPrice) * (p.Buy ? 1 : -1) * p.Lots * s.ContractSize;
        return Math.Round(s.QuoteIsUsd ? move : move / price, 2);
    }

    private static decimal MarginOf(SimPosition p, SimSymbol s, decimal price, int leverage) =>
        Math.Round(p.Lots * s.ContractSize * (s.QuoteIsUsd ? price : 1) / Math.Max(1, leverage), 2);

    private AccountState StateOf(long login, SimAccount a)
    {
        var now = Now;
        var positions = a.Positions.Select(p =>
        {
            var s = Symbols.Single(x => x.Name == p.Symbol);
            var price = PriceOf(s, now);
            return (p, s, price, profit: ProfitOf(p, s, price));
        }).ToList();
        var equity = a.Balance + a.Credit + positions.Sum(x => x.profit);
        var margin = positions.Sum(x => MarginOf(x.p, x.s, x.price, a.Leverage));
        return new AccountState(login, a.Currency, a.Balance, a.Credit, equity, margin, equity - margin,
            margin == 0 ? null : Math.Round(equity / margin * 100, 2),
            positions.Select(x => new OpenPosition(x.p.Ticket, x.p.Symbol, x.p.Buy, x.p.Lots, x.p.OpenPrice, x.price, x.profit)).ToList());
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private SimAccount Find(long login) =>
        _accounts.GetValueOrDefault(login) ?? throw new PlatformException(PlatformErrorKind.NotFound, $"The platform has no account {login}.", 13);

    private async Task Gate(CancellationToken ct)
    {
        if (Lag > TimeSpan.Zero) await Task.Delay(Lag, ct); // real latency, whatever clock the tests hold
        switch (Mode)
        {
            case SimulatorMode.Down:
                throw new PlatformException(PlatformErrorKind.Unavailable, "The trading platform is not answering (connection refused).");
            case SimulatorMode.Refusing:
                throw new PlatformException(PlatformErrorKind.Rejected, $"The trading platform refused: {RefusalText}.", 3);
        }
    }

    private void Save()
    {
        string json;
        lock (_gate)
        {
            if (!_dirty || _stateFile is null) return;
            json = JsonSerializer.Serialize(new SimState(_nextTicket, _accounts));
            _dirty = false;
        }
        var temporary = _stateFile + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, _stateFile, overwrite: true);
    }

    private void Load(string file)
    {
        if (!File.Exists(file)) return;
        var state = JsonSerializer.Deserialize<SimState>(File.ReadAllText(file));
        if (state is null) return;
        _nextTicket = state.NextTicket;
        foreach (var (login, account) in state.Accounts) _accounts[login] = account;
    }

    public void Dispose()
    {
        _saver?.Dispose();
        Save();
    }

    private sealed record SimState(long NextTicket, Dictionary<long, SimAccount> Accounts);
}

public sealed record SimSymbol(string Name, decimal BasePrice, int ContractSize, int Digits, bool QuoteIsUsd);

public sealed class SimAccount
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Country { get; set; } = "";
    public string Currency { get; set; } = "USD";
    public string Group { get; set; } = "";
    public int Leverage { get; set; }
    public bool Enabled { get; set; }
    public TradingMode Trading { get; set; }
    public decimal Balance { get; set; }
    public decimal Credit { get; set; }
    public int Updates { get; set; }
    public List<SimPosition> Positions { get; set; } = [];
    public List<SimDeal> Deals { get; set; } = [];

    public PlatformAccount ToAccount(long login) => new(login, Name, Email, Country, new PlatformSettings(Group, Leverage, new PlatformRights(Enabled, Trading)));
}

public sealed record SimPosition(long Ticket, string Symbol, bool Buy, decimal Lots, decimal OpenPrice);

public sealed record SimDeal(long Ticket, DateTime Time, DealAction Action, DealEntry Entry, string Symbol, decimal Lots, decimal Price, decimal Profit, string Comment);
