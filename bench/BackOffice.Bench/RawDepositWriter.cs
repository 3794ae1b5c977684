using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Payments;
using BackOffice.Core.Staff.Audit;
using Microsoft.Data.Sqlite;

namespace BackOffice.Bench;

/// <summary>
/// The baseline for section 8: a verified card callback credited by hand with ADO.NET, one transaction per callback,
/// writing the rows the app writes for it — the callback log row, the deposit's update, the ledger transaction with
/// its two entries and both accounts' balances (the client's account created on its first deposit), the platform
/// balance operation, the card as a payout destination, the monitoring activity event, one outbox row for the one
/// subscriber, and the audit entry linked into the hash chain (the product's own canonical form and hash, so the
/// product's chain check verifies it). It reads what it must to decide: a replay, the channel, the deposit with its
/// client, account and risk level, the chain's tip. It does not run the monitoring rules, the pipeline's stages or
/// EF Core. Prepared commands on one open connection.
/// </summary>
public sealed class RawDepositWriter : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _connection;
    private readonly string _channel;
    private readonly double _payerThreshold;
    private readonly string _subscriptionId;
    private readonly List<SqliteCommand> _commands = [];
    private readonly SqliteCommand _replay, _channelRow, _deposit, _transaction, _accountUpdate, _accountInsert, _entry, _platform, _destination, _depositUpdate, _activity,
        _callback, _outbox, _tip, _audit;

    /// <summary>Time spent in COMMIT (the WAL write, and now and then a checkpoint), summed.</summary>
    public double CommitMs { get; private set; }

    public RawDepositWriter(string databaseFile, string channel, double payerThreshold = 0.85)
    {
        _channel = channel;
        _payerThreshold = payerThreshold;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, DefaultTimeout = 30 }.ToString());
        _connection.Open();
        using (var pragmas = _connection.CreateCommand())
        {
            // The same settings the app's connection interceptor applies.
            pragmas.CommandText = Infrastructure.Data.SqlitePragmas.Pragmas;
            pragmas.ExecuteNonQuery();
        }
        using (var read = _connection.CreateCommand())
        {
            read.CommandText = "SELECT Id FROM WebhookSubscriptions WHERE Active = 1";
            _subscriptionId = (string)read.ExecuteScalar()!;
        }
        _replay = Command("""
            SELECT Id FROM PaymentCallbacks WHERE ChannelCode = $channel AND EventId = $event AND Outcome IN ('Applied', 'Ignored') ORDER BY Id LIMIT 1
            """);
        _channelRow = Command("SELECT Id, Name, Kind, FeeFixed, FeePercent, AutoApproveUpTo FROM PaymentChannels WHERE Code = $code");
        _deposit = Command("""
            SELECT d.Id, d.Reference, d.ClientId, d.TradingAccountId, d.AmountMinor, d.Currency, d.Status, d.Version, d.ProviderStatus,
                   c.DisplayName, k.RiskLevel, t.Login
            FROM Deposits d
            JOIN Clients c ON c.Id = d.ClientId
            JOIN TradingAccounts t ON t.Id = d.TradingAccountId
            LEFT JOIN KycCases k ON k.ClientId = d.ClientId
            WHERE d.ChannelId = $channel AND d.ProviderOrderId = $order
            """);
        _transaction = Command("INSERT INTO LedgerTransactions (Kind, Reference, PostedAt, PostedBy) VALUES ('deposit', $reference, $at, $by) RETURNING Id");
        // The balance moves (and the version, as the app bumps it); the account is created on its first posting.
        _accountUpdate = Command("""
            UPDATE LedgerAccounts SET BalanceMinor = BalanceMinor + $amount, Version = Version + 1 WHERE Code = $code AND Currency = $currency
            RETURNING Id, BalanceMinor, Version
            """);
        _accountInsert = Command("""
            INSERT INTO LedgerAccounts (Code, Currency, BalanceMinor, OpenedAt, Version) VALUES ($code, $currency, $amount, $at, 0)
            RETURNING Id, BalanceMinor, Version
            """);
        _entry = Command("INSERT INTO LedgerEntries (TransactionId, AccountId, AmountMinor, Currency, Memo) VALUES ($tx, $account, $amount, $currency, $memo) RETURNING Id");
        _platform = Command("""
            INSERT INTO PlatformBalanceOperations (TradingAccountId, Login, Type, AmountMinor, Currency, Comment, Cause, LedgerTransactionId, Status, Attempts,
                OutcomeUnknown, CreatedAt, NextAttemptAt, Version)
            VALUES ($account, $login, $type, $amount, $currency, $comment, $cause, $tx, 'Pending', 0, 0, $at, $at, 0)
            RETURNING Id
            """);
        _destination = Command("""
            INSERT INTO PayoutDestinations (ClientId, Kind, Label, Identifier, HolderName, Status, AddedBy, AddedAt, VerifiedBy, VerifiedAt, Version)
            VALUES ($client, 'Card', $label, $identifier, $holder, 'Verified', 'system', $at, 'the deposit''s payment', $at, 0)
            ON CONFLICT (ClientId, Kind, Identifier) DO NOTHING
            RETURNING Id
            """);
        _depositUpdate = Command("""
            UPDATE Deposits SET PaidMinor = $paid, PaidCurrency = $currency, PaidAt = $at, PayerName = $payer, SourceFingerprint = $fingerprint,
                PayerMatch = $match, ProviderStatus = $providerStatus, FeeMinor = $fee, Status = 'Credited', CreditedAt = $at, LedgerTransactionId = $tx,
                Version = Version + 1
            WHERE Id = $id AND Version = $version
            """);
        _activity = Command("""
            INSERT INTO ActivityEvents (ClientId, Kind, At, AmountMinor, Currency, AmountUsd, MethodKind, MethodFingerprint, MethodHolder, IpCountry,
                TradedVolumeUsd, RecordedAt)
            VALUES ($client, 'Deposit', $at, $amount, $currency, $usd, 'Card', $fingerprint, $holder, NULL, '0.0', $at)
            RETURNING Id
            """);
        _callback = Command("""
            INSERT INTO PaymentCallbacks (ChannelCode, ReceivedAt, EventId, EventType, SignatureValid, Outcome, Detail, DepositId, ReplayOf, Ip)
            VALUES ($channel, $at, $event, $type, 1, 'Applied', $detail, $deposit, NULL, $ip)
            RETURNING Id
            """);
        _outbox = Command("""
            INSERT INTO Outbox (Id, EventId, EventType, SubscriptionId, Payload, CreatedAt, Status, Attempts, NextAttemptAt, Version)
            VALUES ($id, $eventId, $eventType, $subscription, $payload, $at, 'Pending', 0, $at, 0)
            """);
        _tip = Command("SELECT Sequence, Hash FROM AuditEntries ORDER BY Sequence DESC LIMIT 1");
        _audit = Command("""
            INSERT INTO AuditEntries (Sequence, At, ActorId, ActorName, Action, EntityType, EntityId, Before, After, Ip, UserAgent, CorrelationId, PreviousHash, Hash)
            VALUES ($sequence, $at, NULL, $actor, 'RecordPaymentEvent', 'Deposit', $entity, $before, $after, $ip, $agent, $correlation, $previous, $hash)
            """);
    }

    /// <summary>Credits the deposit <paramref name="e"/> paid, exactly once; throws when anything would make the app do otherwise.</summary>
    public void Credit(PaymentEvent e, string ip)
    {
        using var tx = _connection.BeginTransaction();
        var now = DateTime.UtcNow;
        var at = Time(now);
        var actor = $"system:payment-webhook:{_channel}";

        if (Scalar(_replay, tx, _channel, e.EventId) is not null) throw new InvalidOperationException($"Event {e.EventId} is a replay.");
        long channelId;
        PaymentChannel channel;
        using (var reader = Reader(_channelRow, tx, _channel))
        {
            if (!reader.Read()) throw new InvalidOperationException($"No channel {_channel}.");
            channelId = reader.GetInt64(0);
            channel = new PaymentChannel
            {
                Id = (int)channelId, Code = _channel, Name = reader.GetString(1), Kind = Enum.Parse<ChannelKind>(reader.GetString(2)),
                FeeFixed = Dec(reader.GetString(3)), FeePercent = Dec(reader.GetString(4)), AutoApproveUpTo = reader.IsDBNull(5) ? null : Dec(reader.GetString(5)),
            };
        }
        long depositId, clientId, accountId, amountMinor, version, login;
        string reference, currency, status, holder, risk;
        using (var reader = Reader(_deposit, tx, channelId, e.ProviderOrderId))
        {
            if (!reader.Read()) throw new InvalidOperationException($"No deposit for order {e.ProviderOrderId}.");
            (depositId, reference, clientId, accountId, amountMinor, currency, status, version) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetString(5), reader.GetString(6), reader.GetInt64(7));
            (holder, risk, login) = (reader.GetString(9), reader.IsDBNull(10) ? "" : reader.GetString(10), reader.GetInt64(11));
        }
        var paid = e.Paid ?? throw new InvalidOperationException("No amount.");
        var match = string.IsNullOrWhiteSpace(e.PayerName) ? (double?)null : Math.Round(DepositMoves.PayerScore(e.PayerName, holder), 3);
        if (status != "AwaitingPayment" || paid.Currency != currency || paid.Minor != amountMinor || match < _payerThreshold
            || risk != "Low" || channel.AutoApproveUpTo is not { } limit || paid.Amount > limit)
            throw new InvalidOperationException($"Deposit {reference} would not be credited automatically.");

        var fee = channel.FeeOn(paid);
        var net = paid - fee;
        if (fee.IsPositive) throw new NotSupportedException("The baseline writes the card channel's two-line posting (no fee).");
        var transactionId = (long)Scalar(_transaction, tx, reference, at, actor)!;
        var (clearingId, clearingBalance, clearingVersion) = Account(tx, channel.ClearingAccount, -paid, at);
        var (clientAccountId, clientBalance, clientVersion) = Account(tx, DepositMoves.ClientAccount(accountId), net, at);
        var debitId = (long)Scalar(_entry, tx, transactionId, clearingId, -paid.Minor, paid.Currency, reference)!;
        var creditId = (long)Scalar(_entry, tx, transactionId, clientAccountId, net.Minor, paid.Currency, reference)!;
        var comment = PlatformBalanceOperation.CommentFor(transactionId);
        var cause = $"deposit {reference}";
        var platformId = (long)Scalar(_platform, tx, accountId, login, 2, net.Minor, net.Currency, comment, cause, transactionId, at)!;
        var fingerprint = e.Fingerprint;
        var label = fingerprint is null ? null : $"Card {(fingerprint.Length > 8 ? fingerprint[^6..] : fingerprint)} (paid a deposit)";
        var destinationId = fingerprint is null ? null : Scalar(_destination, tx, clientId, label, fingerprint, e.PayerName ?? "", at);
        var providerStatus = e.ProviderStatus ?? e.TypeName;
        if (Run(_depositUpdate, tx, paid.Minor, paid.Currency, at, e.PayerName, fingerprint, match, providerStatus, fee.Minor, transactionId, depositId, version) != 1)
            throw new InvalidOperationException($"Deposit {reference} changed underneath.");
        var usd = paid.Amount;
        var activityId = (long)Scalar(_activity, tx, clientId, at, paid.Minor, paid.Currency, Dec(usd), fingerprint, e.PayerName)!;
        var detail = $"Deposit {reference}: Credited automatically: {paid} from a low-risk client, within {channel.Name}'s automatic approval.";
        var callbackId = (long)Scalar(_callback, tx, _channel, at, e.EventId, e.TypeName, detail, depositId, ip)!;

        var eventId = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new
        {
            id = eventId, type = "deposit.credited", createdAt = now,
            data = new
            {
                depositId, reference, clientId, login, amount = paid.Amount, fee = fee.Amount, credited = net.Amount, currency = paid.Currency, channel = _channel,
            },
        }, Web);
        Run(_outbox, tx, Text(Guid.CreateVersion7()), Text(eventId), "deposit.credited", _subscriptionId, payload, at);

        // The audit entry: what changed, before and after, keyed by type and id as the app's change capture keys it.
        var before = new Dictionary<string, Dictionary<string, object?>>
        {
            ["Deposit:" + depositId] = new()
            {
                ["PaidMinor"] = null, ["PaidCurrency"] = null, ["PaidAt"] = null, ["PayerName"] = null, ["SourceFingerprint"] = null, ["PayerMatch"] = null,
                ["ProviderStatus"] = null, ["FeeMinor"] = 0L, ["Status"] = "AwaitingPayment", ["CreditedAt"] = null, ["LedgerTransactionId"] = null,
            },
        };
        var after = new Dictionary<string, Dictionary<string, object?>>
        {
            ["PaymentCallback:" + callbackId] = new()
            {
                ["Id"] = callbackId, ["ChannelCode"] = _channel, ["DepositId"] = depositId, ["Detail"] = detail, ["EventId"] = e.EventId, ["EventType"] = e.TypeName,
                ["Ip"] = ip, ["Outcome"] = "Applied", ["ReceivedAt"] = now, ["ReplayOf"] = null, ["SignatureValid"] = true,
            },
            ["Deposit:" + depositId] = new()
            {
                ["PaidMinor"] = paid.Minor, ["PaidCurrency"] = paid.Currency, ["PaidAt"] = now, ["PayerName"] = e.PayerName, ["SourceFingerprint"] = fingerprint,
                ["PayerMatch"] = match, ["ProviderStatus"] = providerStatus, ["FeeMinor"] = fee.Minor, ["Status"] = "Credited", ["CreditedAt"] = now,
                ["LedgerTransactionId"] = transactionId,
            },
            ["LedgerTransaction:" + transactionId] = new()
            {
                ["Id"] = transactionId, ["Kind"] = "deposit", ["PostedAt"] = now, ["PostedBy"] = actor, ["Reference"] = reference,
            },
        };
        foreach (var (id, balance, accountVersion, code, amount) in new[]
                 {
                     (clearingId, clearingBalance, clearingVersion, channel.ClearingAccount, -paid.Minor),
                     (clientAccountId, clientBalance, clientVersion, DepositMoves.ClientAccount(accountId), net.Minor),
                 })
        {
            if (accountVersion == 0)
                after["LedgerAccount:" + id] = new()
                {
                    ["Id"] = id, ["BalanceMinor"] = balance, ["Code"] = code, ["Currency"] = paid.Currency, ["OpenedAt"] = now,
                };
            else
            {
                before["LedgerAccount:" + id] = new() { ["BalanceMinor"] = balance - amount };
                after["LedgerAccount:" + id] = new() { ["BalanceMinor"] = balance };
            }
        }
        foreach (var (entryId, accountOf, amount) in new[] { (debitId, clearingId, -paid.Minor), (creditId, clientAccountId, net.Minor) })
            after["LedgerEntry:" + entryId] = new()
            {
                ["Id"] = entryId, ["AccountId"] = accountOf, ["AmountMinor"] = amount, ["Currency"] = paid.Currency, ["Memo"] = reference, ["TransactionId"] = transactionId,
            };
        after["PlatformBalanceOperation:" + platformId] = new()
        {
            ["Id"] = platformId, ["AmountMinor"] = net.Minor, ["AppliedAt"] = null, ["Attempts"] = 0, ["Cause"] = cause, ["Comment"] = comment, ["CreatedAt"] = now,
            ["Currency"] = net.Currency, ["LastError"] = null, ["LedgerTransactionId"] = transactionId, ["Login"] = login, ["NextAttemptAt"] = now,
            ["OutcomeUnknown"] = false, ["Status"] = "Pending", ["Ticket"] = null, ["TradingAccountId"] = accountId, ["Type"] = 2,
        };
        if (destinationId is long destination)
            after["PayoutDestination:" + destination] = new()
            {
                ["Id"] = destination, ["AddedAt"] = now, ["AddedBy"] = "system", ["ClientId"] = clientId, ["HolderName"] = e.PayerName ?? "",
                ["Identifier"] = fingerprint, ["Kind"] = "Card", ["Label"] = label, ["Status"] = "Verified", ["VerifiedAt"] = now, ["VerifiedBy"] = "the deposit's payment",
            };
        after["ActivityEvent:" + activityId] = new()
        {
            ["Id"] = activityId, ["AmountMinor"] = paid.Minor, ["AmountUsd"] = usd, ["At"] = now, ["ClientId"] = clientId, ["Currency"] = paid.Currency,
            ["IpCountry"] = null, ["Kind"] = "Deposit", ["MethodFingerprint"] = fingerprint, ["MethodHolder"] = e.PayerName, ["MethodKind"] = "Card",
            ["RecordedAt"] = now, ["TradedVolumeUsd"] = 0m,
        };

        long sequence = 0;
        var previous = "";
        using (var reader = Reader(_tip, tx))
            if (reader.Read())
                (sequence, previous) = (reader.GetInt64(0), reader.GetString(1));
        var entry = new AuditEntry
        {
            Sequence = sequence + 1, At = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc), ActorName = actor, Action = "RecordPaymentEvent",
            EntityType = "Deposit", EntityId = depositId.ToString(CultureInfo.InvariantCulture), Before = JsonSerializer.Serialize(before),
            After = JsonSerializer.Serialize(after), Ip = ip, UserAgent = "Stripe/1.0 (+https://stripe.com/docs/webhooks)", CorrelationId = Actor.NewCorrelationId(),
            PreviousHash = previous,
        };
        entry.Hash = AuditEntry.ComputeHash(entry.PreviousHash, entry.Canonical());
        Run(_audit, tx, entry.Sequence, Time(entry.At), entry.ActorName, entry.EntityId, entry.Before, entry.After, entry.Ip, entry.UserAgent, entry.CorrelationId,
            entry.PreviousHash, entry.Hash);

        var started = Stopwatch.GetTimestamp();
        tx.Commit();
        CommitMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private (long Id, long Balance, long Version) Account(SqliteTransaction tx, string code, Money amount, string at)
    {
        using (var reader = Reader(_accountUpdate, tx, amount.Minor, code, amount.Currency))
            if (reader.Read())
                return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        using (var reader = Reader(_accountInsert, tx, code, amount.Currency, amount.Minor, at))
        {
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = ClientBookSeed.Prepare(_connection, sql);
        _commands.Add(command);
        return command;
    }

    private static void Bind(SqliteCommand command, SqliteTransaction tx, object?[] values)
    {
        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static int Run(SqliteCommand command, SqliteTransaction tx, params object?[] values)
    {
        Bind(command, tx, values);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteCommand command, SqliteTransaction tx, params object?[] values)
    {
        Bind(command, tx, values);
        return command.ExecuteScalar();
    }

    private static SqliteDataReader Reader(SqliteCommand command, SqliteTransaction tx, params object?[] values)
    {
        Bind(command, tx, values);
        return command.ExecuteReader();
    }

    // The app's on-disk formats (EF Core's SQLite conventions).
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static string Dec(decimal d) => d.ToString("0.0###########################", CultureInfo.InvariantCulture);

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var c in _commands)
            c.Dispose();
        _connection.Dispose();
    }
}
