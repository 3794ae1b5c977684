using System.Diagnostics;
using System.Globalization;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using Microsoft.Data.Sqlite;
using static BackOffice.Bench.ClientBookSeed;

namespace BackOffice.Bench;

/// <summary>
/// The money side of a seeded book for the reports, written like <see cref="ClientBookSeed"/> with prepared INSERTs:
/// each client's moves along the lifecycle (the history "approved" and "time to approve" are read from), deposits and
/// withdrawals of the funded clients with their ledger transactions, and fees that bring the ledger to
/// <see cref="LedgerEntries"/> entries. Deposits and withdrawals are numbered in time order, as the app numbers them.
/// Deterministic: the same book gets the same rows.
/// </summary>
public static class ReportBookSeed
{
    public const int LedgerEntries = 10_000_000;

    /// <summary>Of the clients who were ever approved, the share that deposited.</summary>
    public const double FundedShare = 0.40;

    private static readonly (string Code, int Weight, long MinMajor, long MaxMajor)[] ChannelMix = [("card", 55, 50, 2_000), ("wire", 30, 500, 20_000), ("crypto", 15, 100, 10_000)];

    private static readonly Dictionary<string, (string Code, string Message)[]> Failures = new()
    {
        ["card"] =
        [
            ("card_declined", "The card was declined by the issuer."), ("insufficient_funds", "The card has insufficient funds."),
            ("3ds_failed", "3-D Secure authentication failed."), ("expired_card", "The card has expired."), ("do_not_honor", "The issuer said: do not honour."),
        ],
        ["crypto"] = [("underpaid", "Less than the invoice arrived before it expired."), ("invoice_expired", "The invoice expired unpaid.")],
        ["wire"] = [("returned", "The bank returned the wire.")],
    };

    private sealed record ClientRow(long Id, ClientStatus Status, DateTime Registered, DateTime Changed, string Name);

    private sealed record AccountRow(long Id, long ClientId, string Currency);

    private struct DepositRow
    {
        public long ClientId, AccountId, AmountMinor, FeeMinor;
        public int Channel, Failure;
        public string Currency;
        public DepositStatus Status;
        public DateTime Created, Paid, Credited, Decided;
    }

    private struct WithdrawalRow
    {
        public long ClientId, AccountId, AmountMinor;
        public int Channel;
        public string Currency;
        public WithdrawalStatus Status;
        public ApprovalLevel Required, Approved;
        public DateTime Created, Decided, Paid;
    }

    public sealed record Seeded(long StatusChanges, long Deposits, long Withdrawals, long Transactions, long Entries, TimeSpan Took);

    public static Seeded Seed(string databaseFile)
    {
        var took = Stopwatch.StartNew();
        using var connection = Open(databaseFile);
        // A bulk load: the rows are consistent once all are written (ledger accounts come last), not row by row.
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;");
        Execute(connection, """
            DELETE FROM ClientStatusChanges; DELETE FROM Deposits; DELETE FROM WithdrawalApprovals; DELETE FROM Withdrawals; DELETE FROM PayoutDestinations;
            DELETE FROM LedgerEntries; DELETE FROM LedgerTransactions; DELETE FROM LedgerAccounts;
            """);
        DropIndexesForLoad(connection, "ClientStatusChanges", "Deposits", "Withdrawals", "PayoutDestinations", "LedgerAccounts", "LedgerTransactions", "LedgerEntries");
        var clients = new List<ClientRow>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, Status, RegisteredAt, StatusChangedAt, DisplayName FROM Clients ORDER BY Id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
                clients.Add(new ClientRow(reader.GetInt64(0), Enum.Parse<ClientStatus>(reader.GetString(1)), Utc(reader.GetString(2)), Utc(reader.GetString(3)), reader.GetString(4)));
        }
        var accounts = new Dictionary<long, List<AccountRow>>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, ClientId, Currency FROM TradingAccounts WHERE IsDemo = 0 ORDER BY Id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var row = new AccountRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
                if (!accounts.TryGetValue(row.ClientId, out var list)) accounts[row.ClientId] = list = [];
                list.Add(row);
            }
        }
        var channels = ChannelMix.Select(c => (int)Scalar(connection, $"SELECT Id FROM PaymentChannels WHERE Code = '{c.Code}'")).ToArray();
        var channelPick = Weighted(ChannelMix.Select(c => c.Weight).ToArray());
        var random = new Random(2028);

        // The lifecycle history, and when each client was first approved.
        var transaction = connection.BeginTransaction();
        var insertChange = Prepare(connection, "INSERT INTO ClientStatusChanges (ClientId, \"From\", \"To\", At) VALUES ($client, $from, $to, $at)");
        var approvedAt = new Dictionary<long, DateTime>();
        long changes = 0;
        void Change(long client, ClientStatus from, ClientStatus to, DateTime at)
        {
            Run(insertChange, transaction, client, from.ToString(), to.ToString(), Time(at));
            changes++;
        }
        foreach (var c in clients)
        {
            var review = c.Registered.AddMinutes(1 + random.Next(90));
            if (review > c.Changed) review = c.Registered.AddTicks((c.Changed - c.Registered).Ticks / 3);
            var middle = c.Registered.AddTicks((c.Changed - c.Registered).Ticks / 2);
            switch (c.Status)
            {
                case ClientStatus.PendingReview:
                    Change(c.Id, ClientStatus.Registered, ClientStatus.PendingReview, c.Changed);
                    break;
                case ClientStatus.PendingDocuments:
                    Change(c.Id, ClientStatus.Registered, ClientStatus.PendingReview, review);
                    Change(c.Id, ClientStatus.PendingReview, ClientStatus.PendingDocuments, c.Changed);
                    break;
                case ClientStatus.Approved:
                    Change(c.Id, ClientStatus.Registered, ClientStatus.PendingReview, review);
                    Change(c.Id, ClientStatus.PendingReview, ClientStatus.Approved, c.Changed);
                    approvedAt[c.Id] = c.Changed;
                    break;
                case ClientStatus.Restricted:
                case ClientStatus.Closed when random.NextDouble() < 0.7:
                    Change(c.Id, ClientStatus.Registered, ClientStatus.PendingReview, review);
                    Change(c.Id, ClientStatus.PendingReview, ClientStatus.Approved, middle);
                    Change(c.Id, ClientStatus.Approved, c.Status, c.Changed);
                    approvedAt[c.Id] = middle;
                    break;
                case ClientStatus.Closed:
                    Change(c.Id, ClientStatus.Registered, ClientStatus.Closed, c.Changed);
                    break;
            }
        }
        transaction.Commit();
        transaction.Dispose();
        insertChange.Dispose();
        Console.WriteLine($"  {changes:N0} status changes ({F(took.Elapsed.TotalSeconds, "0.0")} s)");

        // Deposits and withdrawals of the funded clients, in memory first so they can be numbered in time order.
        var deposits = new List<DepositRow>();
        var withdrawals = new List<WithdrawalRow>();
        foreach (var c in clients)
        {
            if (!approvedAt.TryGetValue(c.Id, out var approved) || !accounts.TryGetValue(c.Id, out var own) || random.NextDouble() >= FundedShare) continue;
            var end = c.Status == ClientStatus.Closed ? c.Changed : Now;
            if (end <= approved.AddHours(1)) continue;
            var span = (end - approved).TotalMinutes;
            var count = 1;
            while (count < 60 && random.NextDouble() < 0.86) count++;
            var used = new List<(AccountRow Account, int Channel)>();
            for (var i = 0; i < count; i++)
            {
                var account = own[random.Next(own.Count)];
                var channel = channelPick(random);
                var (code, _, min, max) = ChannelMix[channel];
                var currency = code == "crypto" && account.Currency == "GBP" ? "USD" : account.Currency;
                var created = approved.AddMinutes(span * Math.Pow(random.NextDouble(), 0.8));
                var amount = (long)(min * Math.Pow((double)max / min, random.NextDouble())) * 100;
                var row = new DepositRow { ClientId = c.Id, AccountId = account.Id, Channel = channel, Currency = currency, AmountMinor = amount, Created = created, Failure = -1 };
                var roll = random.NextDouble();
                var recent = (Now - created).TotalDays < 2;
                var failRate = code switch { "card" => 0.12, "crypto" => 0.06, _ => 0.01 };
                if (recent && roll < 0.12) row.Status = DepositStatus.AwaitingPayment;
                else if (roll < failRate)
                {
                    row.Status = DepositStatus.Failed;
                    row.Failure = random.Next(Failures[code].Length);
                    row.Decided = created.AddMinutes(2 + random.Next(60 * 24));
                }
                else if (roll < failRate + 0.01)
                {
                    row.Status = DepositStatus.Rejected;
                    row.Paid = created.AddMinutes(5 + random.Next(60 * 48));
                    row.Decided = row.Paid.AddHours(1 + random.Next(48));
                }
                else
                {
                    row.Status = roll < failRate + 0.018 ? DepositStatus.Refunded : roll < failRate + 0.02 ? DepositStatus.ChargedBack : DepositStatus.Credited;
                    row.Paid = created.AddMinutes(code switch { "wire" => 60 * (6 + random.Next(60)), "crypto" => 10 + random.Next(120), _ => 1 + random.Next(10) });
                    row.Credited = row.Paid.AddSeconds(1 + random.Next(code == "wire" ? 3 * 3600 : 30));
                    row.FeeMinor = code == "card" ? amount * 15 / 1000 : 0;
                    if (row.Status != DepositStatus.Credited) row.Decided = row.Credited.AddDays(1 + random.Next(30));
                }
                // Nothing happens after the book's end: a refund still to come is not one yet; anything else happened just before.
                if (row.Decided > Now && row.Status is DepositStatus.Refunded or DepositStatus.ChargedBack) (row.Status, row.Decided) = (DepositStatus.Credited, default);
                var last = Now.AddSeconds(-1);
                if (row.Paid > last) row.Paid = last;
                if (row.Credited > last) row.Credited = last;
                if (row.Decided > last) row.Decided = last;
                deposits.Add(row);
                if (row.Credited != default) used.Add((account, channel));
            }
            for (var w = random.Next(count / 3 + 1); w > 0 && used.Count > 0; w--)
            {
                var (account, channel) = used[random.Next(used.Count)];
                var created = approved.AddMinutes(span * Math.Pow(random.NextDouble(), 0.6));
                var usd = (long)(100 * Math.Pow(600, random.NextDouble())) * 100;
                var required = usd switch { < 100_000 => ApprovalLevel.Automatic, < 1_000_000 => ApprovalLevel.L1, < 5_000_000 => ApprovalLevel.L2, _ => ApprovalLevel.L3 };
                var hours = required switch { ApprovalLevel.Automatic => 0.5 + random.NextDouble() * 6, ApprovalLevel.L1 => 2 + random.NextDouble() * 30,
                    ApprovalLevel.L2 => 6 + random.NextDouble() * 60, _ => 24 + random.NextDouble() * 100 };
                var row = new WithdrawalRow
                {
                    ClientId = c.Id, AccountId = account.Id, Channel = channel, Currency = account.Currency, AmountMinor = usd, Created = created,
                    Required = required, Approved = required,
                };
                var roll = random.NextDouble();
                if (created.AddHours(hours) > Now)
                    (row.Status, row.Approved) = roll < 0.7 ? (WithdrawalStatus.PendingApproval, ApprovalLevel.Automatic) : (WithdrawalStatus.Approved, required);
                else if (roll < 0.88)
                    (row.Status, row.Paid, row.Decided) = (WithdrawalStatus.Paid, created.AddHours(hours), created.AddHours(hours * 0.6));
                else if (roll < 0.94)
                    (row.Status, row.Approved, row.Decided) = (WithdrawalStatus.Rejected, ApprovalLevel.Automatic, created.AddHours(hours * 0.5));
                else if (roll < 0.96)
                    (row.Status, row.Decided) = (WithdrawalStatus.Failed, created.AddHours(hours));
                else
                    (row.Status, row.Approved, row.Decided) = (WithdrawalStatus.Cancelled, ApprovalLevel.Automatic, created.AddHours(hours * 0.3));
                withdrawals.Add(row);
            }
        }
        deposits.Sort((a, b) => a.Created.CompareTo(b.Created));
        withdrawals.Sort((a, b) => a.Created.CompareTo(b.Created));
        Console.WriteLine($"  {deposits.Count:N0} deposits and {withdrawals.Count:N0} withdrawals generated ({F(took.Elapsed.TotalSeconds, "0.0")} s)");

        transaction = connection.BeginTransaction();
        var ledger = new Ledger(connection, transaction);
        var insertDeposit = Prepare(connection, """
            INSERT INTO Deposits (Id, Reference, ClientId, TradingAccountId, ChannelId, AmountMinor, Currency, FeeMinor, PaidMinor, PaidCurrency, Status,
                ProviderOrderId, ProviderStatus, PayerName, PayerMatch, SourceFingerprint, ReviewReason, FailureCode, FailureMessage, RequestedBy,
                CreatedAt, PaidAt, DecidedAt, DecidedBy, CreditedAt, LedgerTransactionId, Version)
            VALUES ($id, $reference, $client, $account, $channel, $amount, $currency, $fee, $paid, $paidCurrency, $status,
                $order, $providerStatus, $payer, $match, $fingerprint, 'None', $code, $message, 'Client portal',
                $created, $paidAt, $decided, $decidedBy, $credited, $tx, 0)
            """);
        var names = clients.ToDictionary(c => c.Id, c => c.Name);
        for (var i = 0; i < deposits.Count; i++)
        {
            var d = deposits[i];
            var id = i + 1L;
            var code = ChannelMix[d.Channel].Code;
            long? tx = null;
            if (d.Credited != default)
            {
                tx = ledger.Post("deposit", $"D-{id}", d.Credited, ($"client:{d.AccountId}", d.Currency, d.AmountMinor), ($"clearing:{code}", d.Currency, -d.AmountMinor));
                if (d.Status is DepositStatus.Refunded or DepositStatus.ChargedBack)
                    ledger.Post(d.Status == DepositStatus.Refunded ? "deposit.refund" : "deposit.chargeback", $"D-{id}", d.Decided,
                        ($"client:{d.AccountId}", d.Currency, -d.AmountMinor), ($"clearing:{code}", d.Currency, d.AmountMinor));
            }
            var failure = d.Failure >= 0 ? Failures[code][d.Failure] : default;
            var paid = d.Paid != default;
            Run(insertDeposit, transaction, id, $"D-{id}", d.ClientId, d.AccountId, channels[d.Channel], d.AmountMinor, d.Currency, d.FeeMinor,
                paid ? d.AmountMinor : null, paid ? d.Currency : null, d.Status.ToString(), code == "wire" ? null : $"{code}_{id}",
                d.Status.ToString().ToLowerInvariant(), paid ? names[d.ClientId] : null, paid ? 1.0 : null, paid ? $"{code}:{d.ClientId % 997}" : null,
                failure.Code, failure.Message, Time(d.Created), paid ? Time(d.Paid) : null, d.Decided != default ? Time(d.Decided) : null,
                d.Decided != default && d.Status != DepositStatus.Failed ? "finance" : null, d.Credited != default ? Time(d.Credited) : null, tx);
            if (id % 500_000 == 0)
            {
                transaction = ledger.Commit();
                Console.WriteLine($"  {id:N0} deposits ({F(took.Elapsed.TotalSeconds, "0.0")} s)");
            }
        }
        insertDeposit.Dispose();

        var insertDestination = Prepare(connection, """
            INSERT INTO PayoutDestinations (Id, ClientId, Kind, Label, Identifier, HolderName, Status, AddedBy, AddedAt, VerifiedBy, VerifiedAt, Version)
            VALUES ($id, $client, $kind, $label, $identifier, $holder, 'Verified', 'finance', $at, 'finance2', $at, 0)
            """);
        var insertWithdrawal = Prepare(connection, """
            INSERT INTO Withdrawals (Id, Reference, ClientId, TradingAccountId, ChannelId, DestinationId, AmountMinor, Currency, AmountUsd, Status,
                RequiredLevel, ApprovedLevel, WaitingSince, Checks, RequestedBy, CreatedAt, ReserveTransactionId, SettlementTransactionId, PayoutId,
                DecidedBy, DecidedAt, PaidAt, Reason, Version)
            VALUES ($id, $reference, $client, $account, $channel, $destination, $amount, $currency, $usd, $status,
                $required, $approved, $waiting, '✓ Available balance', 'Client portal', $created, $reserve, $settlement, $payout,
                $decidedBy, $decided, $paid, $reason, 0)
            """);
        var destinations = new Dictionary<(long, int), long>();
        for (var i = 0; i < withdrawals.Count; i++)
        {
            var w = withdrawals[i];
            var id = i + 1L;
            var code = ChannelMix[w.Channel].Code;
            if (!destinations.TryGetValue((w.ClientId, w.Channel), out var destination))
            {
                destinations[(w.ClientId, w.Channel)] = destination = destinations.Count + 1L;
                var kind = code switch { "card" => DestinationKind.Card, "crypto" => DestinationKind.CryptoAddress, _ => DestinationKind.BankAccount };
                Run(insertDestination, transaction, destination, w.ClientId, kind.ToString(), $"{kind} {destination % 10_000:0000}", $"{code}-{w.ClientId}-{destination}",
                    names[w.ClientId], Time(w.Created.AddMinutes(-5)));
            }
            var reserve = ledger.Post("withdrawal.reserve", $"W-{id}", w.Created, ($"client:{w.AccountId}", w.Currency, -w.AmountMinor), ($"reserved:{w.AccountId}", w.Currency, w.AmountMinor));
            long? settlement = w.Status switch
            {
                WithdrawalStatus.Paid => ledger.Post("withdrawal.paid", $"W-{id}", w.Paid, ($"reserved:{w.AccountId}", w.Currency, -w.AmountMinor), ($"clearing:{code}", w.Currency, w.AmountMinor)),
                WithdrawalStatus.Rejected or WithdrawalStatus.Failed or WithdrawalStatus.Cancelled => ledger.Post("withdrawal.void", $"W-{id}", w.Decided,
                    ($"reserved:{w.AccountId}", w.Currency, -w.AmountMinor), ($"client:{w.AccountId}", w.Currency, w.AmountMinor)),
                _ => null,
            };
            Run(insertWithdrawal, transaction, id, $"W-{id}", w.ClientId, w.AccountId, channels[w.Channel], destination, w.AmountMinor, w.Currency,
                (w.AmountMinor / 100m).ToString(CultureInfo.InvariantCulture), w.Status.ToString(), (int)w.Required, (int)w.Approved, Time(w.Created),
                Time(w.Created), reserve, settlement, w.Status == WithdrawalStatus.Paid && code != "wire" ? $"po_{id}" : null,
                w.Decided != default ? "finance" : null, w.Decided != default ? Time(w.Decided) : null, w.Paid != default ? Time(w.Paid) : null,
                w.Status switch { WithdrawalStatus.Rejected => "Destination not in the client's name", WithdrawalStatus.Failed => "The bank returned the payout", _ => null });
        }
        insertDestination.Dispose();
        insertWithdrawal.Dispose();
        Console.WriteLine($"  withdrawals written; ledger {ledger.Entries:N0} entries ({F(took.Elapsed.TotalSeconds, "0.0")} s)");

        // Monthly fees of the funded accounts bring the ledger to its size.
        var funded = deposits.Where(d => d.Credited != default).Select(d => (d.AccountId, d.Currency, d.Credited)).DistinctBy(d => d.AccountId).ToArray();
        for (var n = 0; ledger.Entries < LedgerEntries; n++)
        {
            var (account, currency, from) = funded[random.Next(funded.Length)];
            var at = from.AddMinutes((Now - from).TotalMinutes * random.NextDouble());
            ledger.Post("fee", $"F-{n + 1}", at, ($"client:{account}", currency, -500), ("fees", currency, 500));
            if (n % 500_000 == 499_999)
                transaction = ledger.Commit();
        }
        ledger.WriteAccounts(Now.AddYears(-3));
        transaction = ledger.Commit();
        transaction.Commit();
        transaction.Dispose();
        Console.WriteLine($"  ledger: {ledger.Transactions:N0} transactions, {ledger.Entries:N0} entries ({F(took.Elapsed.TotalSeconds, "0.0")} s)");

        // The app numbers its own deposits and withdrawals past the seeded ones.
        Execute(connection, $"""
            UPDATE NumberSequences SET Next = MAX(Next, {deposits.Count + 1}) WHERE Name = 'deposit';
            UPDATE NumberSequences SET Next = MAX(Next, {withdrawals.Count + 1}) WHERE Name = 'withdrawal';
            """);
        RestoreIndexes(connection);
        Console.WriteLine($"  indexes rebuilt ({F(took.Elapsed.TotalSeconds, "0.0")} s)");
        return new Seeded(changes, deposits.Count, withdrawals.Count, ledger.Transactions, ledger.Entries, took.Elapsed);
    }

    /// <summary>Balanced transactions with their entries, and the accounts' balances kept as the app keeps them.</summary>
    private sealed class Ledger(SqliteConnection connection, SqliteTransaction transaction)
    {
        private SqliteTransaction _transaction = transaction;
        private readonly Dictionary<(string Code, string Currency), (long Id, long Balance)> _accounts = [];
        private readonly SqliteCommand _insertTransaction = Prepare(connection, "INSERT INTO LedgerTransactions (Id, Kind, Reference, PostedAt, PostedBy) VALUES ($id, $kind, $reference, $at, 'bench')");
        private readonly SqliteCommand _insertEntry = Prepare(connection, "INSERT INTO LedgerEntries (TransactionId, AccountId, AmountMinor, Currency) VALUES ($tx, $account, $amount, $currency)");

        public long Transactions { get; private set; }
        public long Entries { get; private set; }

        public long Post(string kind, string reference, DateTime at, params (string Code, string Currency, long Amount)[] lines)
        {
            var id = ++Transactions;
            Run(_insertTransaction, _transaction, id, kind, reference, Time(at));
            foreach (var (code, currency, amount) in lines)
            {
                var key = (code, currency);
                var (account, balance) = _accounts.TryGetValue(key, out var known) ? known : (_accounts.Count + 1L, 0L);
                _accounts[key] = (account, balance + amount);
                Run(_insertEntry, _transaction, id, account, amount, currency);
                Entries++;
            }
            return id;
        }

        public void WriteAccounts(DateTime openedAt)
        {
            using var insert = Prepare(connection, "INSERT INTO LedgerAccounts (Id, Code, Currency, BalanceMinor, OpenedAt, Version) VALUES ($id, $code, $currency, $balance, $at, 0)");
            foreach (var ((code, currency), (id, balance)) in _accounts)
                Run(insert, _transaction, id, code, currency, balance, Time(openedAt));
        }

        public SqliteTransaction Commit()
        {
            _transaction.Commit();
            _transaction.Dispose();
            _transaction = connection.BeginTransaction();
            return _transaction;
        }
    }

    /// <summary>
    /// Drops the tables' secondary indexes for a bulk load (each is built once at the end, a sort per index, instead of row
    /// by row), noting them in the file first: a load that is interrupted gets them back from <see cref="RestoreIndexes"/>
    /// when the next run starts.
    /// </summary>
    public static void DropIndexesForLoad(SqliteConnection connection, params string[] tables)
    {
        RestoreIndexes(connection);
        Execute(connection, $"""
            INSERT INTO BenchDroppedIndexes (Sql)
            SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})
            """);
        DropIndexes(connection, tables);
    }

    /// <summary>Builds every index a bulk load dropped (and an interrupted one never built again).</summary>
    public static void RestoreIndexes(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS BenchDroppedIndexes (Sql TEXT NOT NULL)");
        foreach (var sql in Strings(connection, "SELECT Sql FROM BenchDroppedIndexes"))
            Execute(connection, sql.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal)
                .Replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", StringComparison.Ordinal));
        Execute(connection, "DELETE FROM BenchDroppedIndexes");
    }

    public static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public static Func<Random, int> Weighted(int[] weights)
    {
        var bounds = new int[weights.Length];
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
            bounds[i] = sum += weights[i];
        return random =>
        {
            var i = Array.BinarySearch(bounds, random.Next(sum) + 1);
            return i >= 0 ? i : ~i;
        };
    }

    private static string F(double value, string format) => Stats.F(value, format);
}
