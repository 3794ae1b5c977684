using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Infrastructure.Platform.Mt5;
using BackOffice.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace BackOffice.Tests.Platform.Mt5;

/// <summary>What an injected fault does to a request.</summary>
public enum Mt5Fault
{
    /// <summary>HTTP 500, nothing applied.</summary>
    ServerError,

    /// <summary>The given retcode, nothing applied.</summary>
    Retcode,

    /// <summary>No answer until the client gives up, nothing applied.</summary>
    Hang,

    /// <summary>The connection is closed, nothing applied.</summary>
    Drop,

    /// <summary>Applied, then no answer until the client gives up.</summary>
    ApplyThenHang,

    /// <summary>Applied, then the connection is closed.</summary>
    ApplyThenDrop,
}

/// <summary>
/// An MT5 Web API on 127.0.0.1, as an adapter meets it: the challenge–response sign-in with the
/// real hashes, one session per TCP connection (an unauthenticated request gets HTTP 403), sessions
/// idle over 180 s dropped (by <see cref="Clock"/>), users whose <c>user/update</c> replaces the
/// whole record, account state, positions, balance operations that leave deals, and faults on demand.
/// Numbers in records are strings, as MT5 writes them.
/// </summary>
public sealed class FakeMt5Server : IAsyncDisposable
{
    public const long ManagerLogin = 1001;
    public const string ManagerPassword = "Manager#1";
    public const string UsdGroup = @"demo\retail";
    public const string EurGroup = @"real\eur";
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    /// <summary>Fields every user record has; <c>user/update</c> blanks the ones its body leaves out.</summary>
    private static readonly string[] UserFields =
        ["Group", "Name", "Email", "Country", "City", "Phone", "Comment", "Leverage", "Rights"];

    private readonly Lock _sync = new();
    private readonly ConcurrentDictionary<string, ConnectionContext> _connections = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly Dictionary<string, Session> _sessions = [];
    private readonly Dictionary<long, Account> _accounts = [];
    private readonly Dictionary<string, string> _groups = new() { [UsdGroup] = "USD", [EurGroup] = "EUR" };
    private readonly List<Injected> _faults = [];
    private long _nextLogin = 70_000, _nextDeal = 5_000_000, _nextPosition = 9_000_000;
    private WebApplication? _app;

    private FakeMt5Server(FakeTimeProvider clock) => Clock = clock;

    /// <summary>The server's clock: session idle time and deal times. Starts at the real time.</summary>
    public FakeTimeProvider Clock { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Delay before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>An impostor: answers the client's challenge without knowing the password.</summary>
    public bool AnswersWithoutKnowingThePassword { get; set; }

    public static async Task<FakeMt5Server> StartAsync()
    {
        var server = new FakeMt5Server(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())));
        (server._app, server.BaseUrl) = await FakeHttp.StartAsync(server.HandleAsync, next => async connection =>
        {
            server._connections[connection.ConnectionId] = connection;
            try { await next(connection); }
            finally { server._connections.TryRemove(connection.ConnectionId, out _); }
        });
        return server;
    }

    /// <summary>How many requests reached <paramref name="path"/> (e.g. "/api/user/update").</summary>
    public int Count(string path) => _counts.GetValueOrDefault(path);

    /// <summary>Forgets every session; with <paramref name="closeConnections"/> also closes their connections.</summary>
    public void DropAllSessions(bool closeConnections = false)
    {
        lock (_sync) _sessions.Clear();
        if (closeConnections)
            foreach (var connection in _connections.Values)
                connection.Abort();
    }

    /// <summary>The next <paramref name="times"/> requests (to <paramref name="path"/>, or any) meet <paramref name="fault"/>.</summary>
    public void Inject(Mt5Fault fault, string? path = null, int times = 1, string retcode = "2 Common error")
    {
        lock (_sync) _faults.Add(new Injected(fault, path, retcode) { Remaining = times });
    }

    public void AddGroup(string group, string currency)
    {
        lock (_sync) _groups[group] = currency;
    }

    /// <summary>An account as the dealing desk would have created it, with a field of a newer build (LeadSource).</summary>
    public void AddAccount(long login, string group = UsdGroup, decimal balance = 0, decimal credit = 0)
    {
        var user = new JsonObject
        {
            ["Login"] = S(login), ["Group"] = group, ["Name"] = $"Client {login}", ["Email"] = $"client{login}@example.com",
            ["Country"] = "Cyprus", ["City"] = "Limassol", ["Phone"] = "+357 25 000000", ["Comment"] = "opened by the dealing desk",
            ["Leverage"] = "100", ["Rights"] = S(Mt5Rights.Enabled | Mt5Rights.ChangePassword | Mt5Rights.TrailingAllowed),
            ["LeadSource"] = "IB-77", ["Registration"] = S(Clock.GetUtcNow().ToUnixTimeSeconds()),
        };
        lock (_sync) _accounts[login] = new Account(user) { Balance = balance, Credit = credit };
    }

    /// <summary>A copy of the user record as the server holds it, or null.</summary>
    public JsonObject? User(long login)
    {
        lock (_sync) return _accounts.TryGetValue(login, out var a) ? a.User.DeepClone().AsObject() : null;
    }

    public void SetUserField(long login, string name, string value)
    {
        lock (_sync) _accounts[login].User[name] = value;
    }

    public decimal Balance(long login)
    {
        lock (_sync) return _accounts[login].Balance;
    }

    public int DealCount(long login)
    {
        lock (_sync) return _accounts[login].Deals.Count;
    }

    public long AddPosition(long login, string symbol, bool buy, decimal lots, decimal priceOpen, decimal priceCurrent, decimal profit, decimal margin)
    {
        lock (_sync)
        {
            var ticket = ++_nextPosition;
            _accounts[login].Positions.Add(new Position(new JsonObject
            {
                ["Position"] = S(ticket), ["Login"] = S(login), ["Symbol"] = symbol, ["Action"] = buy ? "0" : "1",
                ["Volume"] = S((long)(lots * 10_000)), ["PriceOpen"] = S(priceOpen), ["PriceCurrent"] = S(priceCurrent),
                ["Profit"] = Money(profit),
            }, profit, margin));
            return ticket;
        }
    }

    /// <summary>A deal as the trade server would have recorded it (volume in lots).</summary>
    public long AddDeal(long login, DateTimeOffset time, int action, int entry, string symbol, decimal lots, decimal price,
        decimal profit, decimal commission = 0, decimal swap = 0, string comment = "")
    {
        lock (_sync) return RecordDeal(_accounts[login], time, action, entry, symbol, lots, price, profit, commission, swap, comment);
    }

    /// <summary>Stops listening, as a server that went down.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
            await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (Latency > TimeSpan.Zero)
            await Task.Delay(Latency, http.RequestAborted);
        JsonObject? body = null;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            try { body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject; }
            catch (JsonException) { body = null; }
        }

        var fault = TakeFault(path);
        switch (fault?.Fault)
        {
            case Mt5Fault.ServerError:
                http.Response.StatusCode = 500;
                return;
            case Mt5Fault.Retcode:
                await FakeHttp.WriteJsonAsync(http, 200, Retcode(fault.Retcode));
                return;
            case Mt5Fault.Hang:
                await FakeHttp.HangAsync(http);
                return;
            case Mt5Fault.Drop:
                http.Abort();
                return;
        }

        (int Status, JsonObject? Body) answer;
        lock (_sync) answer = Answer(http.Connection.Id, path, http.Request.Query, body);

        if (fault?.Fault == Mt5Fault.ApplyThenHang)
            await FakeHttp.HangAsync(http);
        else if (fault?.Fault == Mt5Fault.ApplyThenDrop || answer.Body is null)
            http.Abort();
        else
            await FakeHttp.WriteJsonAsync(http, answer.Status, answer.Body);
    }

    /// <summary>Null body: the connection is closed (a session that idled out).</summary>
    private (int Status, JsonObject? Body) Answer(string connection, string path, IQueryCollection query, JsonObject? body)
    {
        var now = Clock.GetUtcNow();
        switch (path)
        {
            case "/api/auth/start":
                _sessions[connection] = new Session(Long(query["login"]), RandomNumberGenerator.GetBytes(16), now);
                return Ok(new JsonObject { ["srv_rand"] = Mt5Auth.Hex(_sessions[connection].ServerRandom) }, inAnswer: false);
            case "/api/auth/answer":
                return SignIn(connection, query, now);
        }

        if (!_sessions.TryGetValue(connection, out var session) || !session.SignedIn)
            return (403, Retcode("8 Not enough permissions"));
        if (now - session.LastActivity > IdleLimit)
        {
            _sessions.Remove(connection);
            return (0, null);
        }
        session.LastActivity = now;

        return path switch
        {
            "/api/test/access" => Ok(null),
            "/api/user/add" => AddUser(body),
            "/api/user/get" => WithAccount(query, a => Ok(a.User.DeepClone())),
            "/api/user/update" => UpdateUser(body),
            "/api/user/delete" => WithAccount(query, a => { _accounts.Remove(Long(a.User["Login"]?.ToString())); return Ok(null); }),
            "/api/user/account/get" => WithAccount(query, AccountState),
            "/api/group/get" => _groups.TryGetValue(query["group"].ToString(), out var currency)
                ? Ok(new JsonObject { ["Group"] = query["group"].ToString(), ["Currency"] = currency, ["CurrencyDigits"] = "2" })
                : Fail("13 Not found"),
            "/api/position/get_page" => WithAccount(query, a => Ok(new JsonArray(a.Positions
                .Skip((int)Long(query["offset"])).Take((int)Long(query["total"])).Select(p => (JsonNode)p.Record.DeepClone()).ToArray()))),
            "/api/trade/balance" => WithAccount(query, a => Balance(a, query, now)),
            "/api/deal/get_batch" => WithAccount(query, a => Ok(new JsonArray(a.Deals
                .Where(d => Long(d["Time"]?.ToString()) >= Long(query["from"]) && Long(d["Time"]?.ToString()) <= Long(query["to"]))
                .Select(d => (JsonNode)d.DeepClone()).ToArray()))),
            _ => (404, Retcode("3 Invalid parameters")),
        };
    }

    private (int, JsonObject?) SignIn(string connection, IQueryCollection query, DateTimeOffset now)
    {
        if (!_sessions.TryGetValue(connection, out var session) || session.SignedIn)
            return Fail("3 Invalid parameters");
        if (now - session.Started > AnswerWithin)
        {
            _sessions.Remove(connection);
            return Fail("9 Operation timeout");
        }
        var passwordHash = Mt5Auth.PasswordHash(ManagerPassword);
        if (session.ManagerLogin != ManagerLogin || !Mt5Auth.IsAnswer(passwordHash, session.ServerRandom, query["srv_rand_answer"]))
        {
            _sessions.Remove(connection);
            return Fail("1001 Invalid account");
        }
        byte[] clientRandom;
        try { clientRandom = Convert.FromHexString(query["cli_rand"].ToString()); }
        catch (FormatException) { return Fail("3 Invalid parameters"); }
        session.SignedIn = true;
        session.LastActivity = now;
        var proof = AnswersWithoutKnowingThePassword ? RandomNumberGenerator.GetBytes(16) : Mt5Auth.Answer(passwordHash, clientRandom);
        return Ok(new JsonObject { ["cli_rand_answer"] = Mt5Auth.Hex(proof) }, inAnswer: false);
    }

    private (int, JsonObject?) AddUser(JsonObject? body)
    {
        if (body is null) return Fail("3 Invalid parameters");
        var login = Long(body["Login"]?.ToString());
        if (login == 0) login = ++_nextLogin;
        if (_accounts.ContainsKey(login)) return Fail("3004 Account already exists");
        if (!_groups.ContainsKey(body["Group"]?.ToString() ?? "") || Long(body["Leverage"]?.ToString()) <= 0)
            return Fail("3 Invalid parameters");
        if (!Strong(body["PassMain"]?.ToString()) || !Strong(body["PassInvestor"]?.ToString()))
            return Fail("3006 Invalid account password");
        var user = Record(body, login);
        user["Registration"] = S(Clock.GetUtcNow().ToUnixTimeSeconds());
        _accounts[login] = new Account(user);
        return Ok(user.DeepClone());
    }

    /// <summary>Replaces the whole record: what the body leaves out is blanked, as on MT5.</summary>
    private (int, JsonObject?) UpdateUser(JsonObject? body)
    {
        var login = Long(body?["Login"]?.ToString());
        if (body is null || !_accounts.TryGetValue(login, out var account)) return Fail("13 Not found");
        if (!_groups.ContainsKey(body["Group"]?.ToString() ?? "")) return Fail("3 Invalid parameters");
        var user = Record(body, login);
        user["Registration"] = account.User["Registration"]?.DeepClone();
        account.User = user;
        return Ok(user.DeepClone());
    }

    private static JsonObject Record(JsonObject body, long login)
    {
        var user = new JsonObject();
        foreach (var field in UserFields)
            user[field] = "";
        foreach (var (name, value) in body)
            if (name is not ("PassMain" or "PassInvestor"))
                user[name] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";
        user["Login"] = S(login);
        return user;
    }

    private (int, JsonObject?) AccountState(Account a)
    {
        var profit = a.Positions.Sum(p => p.Profit);
        var margin = a.Positions.Sum(p => p.Margin);
        var equity = a.Balance + a.Credit + profit;
        return Ok(new JsonObject
        {
            ["Login"] = a.User["Login"]?.DeepClone(), ["CurrencyDigits"] = "2",
            ["Balance"] = Money(a.Balance), ["Credit"] = Money(a.Credit), ["Profit"] = Money(profit),
            ["Equity"] = Money(equity), ["Margin"] = Money(margin), ["MarginFree"] = Money(equity - margin),
            ["MarginLevel"] = Money(margin == 0 ? 0 : equity / margin * 100),
        });
    }

    private (int, JsonObject?) Balance(Account a, IQueryCollection query, DateTimeOffset now)
    {
        var type = (int)Long(query["type"]);
        var comment = query["comment"].ToString();
        if (type is < 2 or > 6 || comment.Length > 32
            || !decimal.TryParse(query["balance"], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount == 0)
            return Fail("3 Invalid parameters");
        if (query["check_margin"] == "1" && amount < 0)
        {
            var equity = a.Balance + a.Credit + a.Positions.Sum(p => p.Profit);
            var freeMargin = equity - a.Positions.Sum(p => p.Margin);
            if ((type == 3 ? a.Credit : a.Balance) + amount < 0 || freeMargin + amount < 0)
                return Fail("10019 Not enough money");
        }
        if (type == 3) a.Credit += amount;
        else a.Balance += amount;
        var ticket = RecordDeal(a, now, type, 0, "", 0, 0, amount, 0, 0, comment);
        return Ok(new JsonObject { ["ticket"] = S(ticket) });
    }

    private long RecordDeal(Account a, DateTimeOffset time, int action, int entry, string symbol, decimal lots, decimal price,
        decimal profit, decimal commission, decimal swap, string comment)
    {
        var ticket = ++_nextDeal;
        a.Deals.Add(new JsonObject
        {
            ["Deal"] = S(ticket), ["Login"] = a.User["Login"]?.DeepClone(), ["Time"] = S(time.ToUnixTimeSeconds()),
            ["Action"] = S(action), ["Entry"] = S(entry), ["Symbol"] = symbol, ["Volume"] = S((long)(lots * 10_000)),
            ["Price"] = S(price), ["Profit"] = Money(profit), ["Commission"] = Money(commission), ["Swap"] = Money(swap),
            ["Comment"] = comment,
        });
        return ticket;
    }

    private (int, JsonObject?) WithAccount(IQueryCollection query, Func<Account, (int, JsonObject?)> then) =>
        _accounts.TryGetValue(Long(query["login"]), out var account) ? then(account) : Fail("13 Not found");

    private Injected? TakeFault(string path)
    {
        lock (_sync)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && (f.Path is null || f.Path == path));
            if (fault is not null) fault.Remaining--;
            return fault;
        }
    }

    private static bool Strong(string? password) =>
        password is { Length: >= 8 } && password.Any(char.IsLower) && password.Any(char.IsUpper) && password.Any(char.IsDigit);

    private static (int, JsonObject?) Ok(JsonNode? answer, bool inAnswer = true)
    {
        var response = Retcode("0 Done");
        if (!inAnswer && answer is JsonObject fields)
            foreach (var (name, value) in fields.ToList())
            {
                fields.Remove(name);
                response[name] = value;
            }
        else if (answer is not null)
            response["answer"] = answer;
        return (200, response);
    }

    private static (int, JsonObject?) Fail(string retcode) => (200, Retcode(retcode));

    private static JsonObject Retcode(string retcode) => new() { ["retcode"] = retcode };

    private static long Long(string? value) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static long Long(Microsoft.Extensions.Primitives.StringValues value) => Long(value.ToString());

    private static string S(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string S(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed class Session(long managerLogin, byte[] serverRandom, DateTimeOffset started)
    {
        public long ManagerLogin { get; } = managerLogin;
        public byte[] ServerRandom { get; } = serverRandom;
        public DateTimeOffset Started { get; } = started;
        public bool SignedIn { get; set; }
        public DateTimeOffset LastActivity { get; set; } = started;
    }

    private sealed class Account(JsonObject user)
    {
        public JsonObject User { get; set; } = user;
        public decimal Balance { get; set; }
        public decimal Credit { get; set; }
        public List<Position> Positions { get; } = [];
        public List<JsonObject> Deals { get; } = [];
    }

    private sealed record Position(JsonObject Record, decimal Profit, decimal Margin);

    private sealed record Injected(Mt5Fault Fault, string? Path, string Retcode)
    {
        public int Remaining { get; set; }
    }
}
