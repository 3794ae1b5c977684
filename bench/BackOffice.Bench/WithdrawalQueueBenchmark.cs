using System.Diagnostics;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Withdrawals;
using Microsoft.Data.Sqlite;
using static BackOffice.Bench.QueryTiming;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// The withdrawal queues with a large ledger behind them: a client book (<see cref="ClientBookSeed"/>), ten million ledger
/// entries (deposits of the book's live accounts), and 40,000 withdrawals at every stage with their destinations and
/// approvals. Each queue page is sent through the real pipeline as a finance officer and timed beside the statements EF
/// Core sent for it. SQLite.
/// </summary>
public static class WithdrawalQueueBenchmark
{
    private const int PageSize = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Option(args, "--clients", 100_000);
        var entries = Option(args, "--entries", 10_000_000);
        var withdrawals = Option(args, "--withdrawals", 40_000);
        var iterations = Option(args, "--iterations", 200);
        var warmup = Option(args, "--warmup", 20);
        var keep = TextOption(args, "--keep");
        Console.WriteLine($"withdrawals benchmark: {clients:N0} clients, {entries:N0} ledger entries, {withdrawals:N0} withdrawals, {iterations} timed iterations " +
            $"per query; {Environment.ProcessorCount} cores, load {F(LoadAverage(), "0.00")}");

        using var capture = new SqlCapture();
        await using var app = await ClientBookSeed.AppWithBookAsync("withdrawals", clients, keep);
        using (var connection = ClientBookSeed.Open(app.DatabaseFile))
        {
            if (ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM LedgerEntries") > 0)
                Console.WriteLine("ledger and withdrawals reused as seeded by an earlier run");
            else
            {
                var started = Stopwatch.StartNew();
                Seed(connection, entries, withdrawals);
                Console.WriteLine($"seeded the ledger and the withdrawals in {F(started.Elapsed.TotalSeconds, "0.0")} s");
            }
        }
        ClientBookSeed.CompleteStatistics(app.DatabaseFile, "LedgerAccounts", "LedgerTransactions", "LedgerEntries", "Withdrawals", "WithdrawalApprovals", "PayoutDestinations");
        using (var connection = ClientBookSeed.Open(app.DatabaseFile))
            Console.WriteLine($"{new FileInfo(app.DatabaseFile).Length / 1024.0 / 1024:0} MB; {ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM LedgerEntries"):N0} entries, "
                + string.Join(", ", ClientBookSeed.Strings(connection, "SELECT Status || ' ' || COUNT(*) FROM Withdrawals GROUP BY Status")));

        using var raw = new RawReader(app.DatabaseFile);
        var officer = await app.StaffAsync("finance2");
        var results = new List<Measured>();
        foreach (var view in new[] { WithdrawalView.Mine, WithdrawalView.L1, WithdrawalView.L2, WithdrawalView.L3, WithdrawalView.Payout, WithdrawalView.Paid, WithdrawalView.All })
            results.Add(await MeasureAsync(new Scenario("SQLite", $"{view}, page 1", "nothing (the same page each time)",
                _ => new WithdrawalQueue(view, Take: PageSize),
                async q => (await app.Scopes.QueryAsAsync((WithdrawalQueue)q, BenchApp.As(officer))).Items.Count), iterations, warmup, capture, raw, false, Label));
        results.Add(await MeasureAsync(new Scenario("SQLite", "All, skip 2,000", "nothing", _ => new WithdrawalQueue(WithdrawalView.All, Skip: 2_000, Take: PageSize),
            async q => (await app.Scopes.QueryAsAsync((WithdrawalQueue)q, BenchApp.As(officer))).Items.Count), iterations, warmup, capture, raw, false, Label));
        PrintTable(results);
        return 0;
    }

    private static string Label(string sql) =>
        sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase) ? "count"
        : sql.Contains("\"Withdrawals\"", StringComparison.Ordinal) && sql.Contains("ORDER BY", StringComparison.Ordinal) ? "page"
        : sql.Contains("\"WithdrawalApprovals\"", StringComparison.Ordinal) ? "approvals"
        : "lookups";

    private static void Seed(SqliteConnection connection, int entries, int withdrawals)
    {
        var accounts = new List<(long Id, long ClientId)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, ClientId FROM TradingAccounts WHERE IsDemo = 0 AND Currency = 'USD' ORDER BY Id";
            using var reader = read.ExecuteReader();
            while (reader.Read()) accounts.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }
        var wire = ClientBookSeed.Scalar(connection, "SELECT Id FROM PaymentChannels WHERE Code = 'wire'");
        var staff = ClientBookSeed.Strings(connection, "SELECT Id FROM AspNetUsers WHERE UserName IN ('finance', 'manager') ORDER BY UserName");
        var random = new Random(2026);
        var now = ClientBookSeed.Now;
        var balances = new long[accounts.Count];
        ClientBookSeed.Execute(connection, "PRAGMA synchronous = OFF");
        using var tx = connection.BeginTransaction();
        // Ledger accounts first (the entries refer to them): clearing:wire is 1, client:<account> is index + 2.
        var transactions = entries / 2;
        var picks = new int[transactions];
        var amounts = new long[transactions];
        long clearing = 0;
        for (var t = 0; t < transactions; t++)
        {
            picks[t] = random.Next(accounts.Count);
            amounts[t] = random.Next(1, 5_000) * 100L;
            balances[picks[t]] += amounts[t];
            clearing -= amounts[t];
        }
        var insertAccount = ClientBookSeed.Prepare(connection, "INSERT INTO LedgerAccounts (Id, Code, Currency, BalanceMinor, OpenedAt, Version) VALUES ($id, $code, 'USD', $balance, $at, 0)");
        ClientBookSeed.Run(insertAccount, tx, 1L, "clearing:wire", clearing, ClientBookSeed.Time(now.AddYears(-2)));
        for (var i = 0; i < accounts.Count; i++)
            ClientBookSeed.Run(insertAccount, tx, i + 2L, $"client:{accounts[i].Id}", balances[i], ClientBookSeed.Time(now.AddYears(-2)));
        var insertTransaction = ClientBookSeed.Prepare(connection, "INSERT INTO LedgerTransactions (Id, Kind, Reference, PostedAt, PostedBy) VALUES ($id, 'deposit', $ref, $at, 'bench')");
        var insertEntry = ClientBookSeed.Prepare(connection, "INSERT INTO LedgerEntries (TransactionId, AccountId, AmountMinor, Currency, Memo) VALUES ($tx, $account, $amount, 'USD', NULL)");
        for (var t = 1; t <= transactions; t++)
        {
            ClientBookSeed.Run(insertTransaction, tx, t, $"B-{t}", ClientBookSeed.Time(now.AddSeconds(-transactions + t)));
            ClientBookSeed.Run(insertEntry, tx, t, 1L, -amounts[t - 1]);
            ClientBookSeed.Run(insertEntry, tx, t, picks[t - 1] + 2L, amounts[t - 1]);
        }

        var insertDestination = ClientBookSeed.Prepare(connection, "INSERT INTO PayoutDestinations (Id, ClientId, Kind, Label, Identifier, HolderName, Status, AddedBy, AddedAt, VerifiedBy, VerifiedAt, Version) " +
            "VALUES ($id, $client, 'BankAccount', $label, $iban, 'Bench Holder', 'Verified', 'bench', $at, 'bench', $at, 0)");
        var insertWithdrawal = ClientBookSeed.Prepare(connection,
            "INSERT INTO Withdrawals (Id, Reference, ClientId, TradingAccountId, ChannelId, DestinationId, AmountMinor, Currency, AmountUsd, Status, RequiredLevel, ApprovedLevel, " +
            "WaitingSince, Checks, RequestedBy, CreatedAt, ReserveTransactionId, DecidedBy, Version) VALUES ($id, $ref, $client, $account, $channel, $destination, $amount, 'USD', $usd, $status, " +
            "$required, $approved, $waiting, '✓ Available balance', 'system:api:Portal', $created, $reserve, $decided, 0)");
        var insertApproval = ClientBookSeed.Prepare(connection, "INSERT INTO WithdrawalApprovals (WithdrawalId, Level, StaffId, StaffName, At) VALUES ($w, $level, $staff, $name, $at)");
        for (var w = 1; w <= withdrawals; w++)
        {
            var index = random.Next(accounts.Count);
            var (accountId, clientId) = accounts[index];
            var amount = random.Next(1, 600) * 10_000L;
            var roll = random.NextDouble();
            var (status, required, approved) = roll switch
            {
                < 0.10 => ("PendingApproval", amount >= 1_000_000 ? 2 : 1, 0),
                < 0.13 => ("PendingApproval", 2, 1),
                < 0.14 => ("PendingApproval", 3, 2),
                < 0.18 => ("Approved", 1, 1),
                < 0.92 => ("Paid", 1, 1),
                _ => ("Rejected", 1, 0),
            };
            var created = now.AddMinutes(-random.Next(1, 60 * 24 * 365));
            ClientBookSeed.Run(insertDestination, tx, w, clientId, $"IBAN GB{w:00} … {w % 10_000:0000}", $"GB{w:00}BENCH{w:00000000}", ClientBookSeed.Time(created.AddDays(-3)));
            ClientBookSeed.Run(insertWithdrawal, tx, w, $"W-{w}", clientId, accountId, wire, w, amount, (amount / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture),
                status, required, approved, ClientBookSeed.Time(created.AddMinutes(approved * 30)), ClientBookSeed.Time(created), 1L,
                status is "PendingApproval" ? null : "finance");
            for (var level = 1; level <= approved; level++)
                ClientBookSeed.Run(insertApproval, tx, w, level, staff[(level - 1) % staff.Count], level == 1 ? "finance" : "manager", ClientBookSeed.Time(created.AddMinutes(level * 30)));
        }
        tx.Commit();
    }
}
