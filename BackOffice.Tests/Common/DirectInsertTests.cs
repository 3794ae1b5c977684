using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Tests.Accounts;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Common;

/// <summary>
/// A command's final save writes plain new and changed rows with prepared statements rather than EF Core's update
/// pipeline: what is stored, audited and later updated must be exactly what EF Core would have made of it, and a changed
/// row keeps EF Core's concurrency guard.
/// </summary>
[Trait("Category", "Database")]
public sealed class DirectInsertTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public DirectInsertTests(SharedApp app) => _app = app;

    [Fact]
    public async Task A_lone_new_row_is_stored_audited_and_updated_as_EF_Core_would()
    {
        var raised = await _app.Scopes.SendAsAsync(new RaiseAlert("test.direct", AlertSeverity.Critical, "Stored directly", EntityId: "c-42"), Actor.System("test"));
        Must.Succeed(raised);
        var id = raised.Value;

        var stored = await _app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(("test.direct", AlertSeverity.Critical, "Stored directly", null, "c-42", AlertStatus.Open),
            (stored.Kind, stored.Severity, stored.Message, stored.EntityType, stored.EntityId, stored.Status));
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, stored.RaisedAt, TimeSpan.FromSeconds(1));
        // The enum is stored in the column's own form: EF Core's query by value finds it.
        Assert.True(await _app.Db(db => db.Alerts.AnyAsync(a => a.Id == id && a.Severity == AlertSeverity.Critical && a.EntityType == null)));

        // The audit entry names the row by its id and shows what was stored.
        var audit = await _app.Db(db => db.AuditEntries.AsNoTracking().Where(e => e.After != null && e.After.Contains("Stored directly")).ToListAsync());
        Assert.Contains(id.ToString(), Assert.Single(audit).After);

        // Later changes go through EF Core as usual, starting from the stored row.
        Must.Succeed(await _app.SendAs("admin", new AcknowledgeAlert(id)));
        var acknowledged = await _app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(stored.Version + 1, acknowledged.Version);
    }

    [Fact]
    public async Task A_commands_new_rows_pointing_at_each_other_by_database_made_keys_are_stored_with_the_real_keys()
    {
        // A card deposit's callback writes ten rows in one save: a new ledger account and the entries that point at it by
        // a key the database makes, the transaction, the deposit changed, the callback log, the card, the activity event.
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(_app);
        var started = await DepositBook.StartAsync(_app, account.Id, "card", 120m);
        var before = await DepositBook.LoadAsync(_app, started.DepositId);
        await DepositBook.CompleteAsync(_app, started, SandboxOutcome.Pay);

        var deposit = await DepositBook.LoadAsync(_app, started.DepositId);
        Assert.Equal(DepositStatus.Credited, deposit.Status);
        Assert.Equal(before.Version + 1, deposit.Version); // updated once, under its concurrency guard
        var entries = await _app.Db(db => db.LedgerEntries.AsNoTracking().Where(e => e.TransactionId == deposit.LedgerTransactionId)
            .Join(db.LedgerAccounts, e => e.AccountId, a => a.Id, (e, a) => new { e.AccountId, a.Code, e.AmountMinor, a.BalanceMinor }).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.Equal(0, entries.Sum(e => e.AmountMinor));
        var client = Assert.Single(entries, e => e.Code == DepositMoves.ClientAccount(account.Id));
        Assert.Equal((12_000L, 12_000L), (client.AmountMinor, client.BalanceMinor)); // the client's account was opened by this payment
        Assert.True(await _app.Db(db => db.PayoutDestinations.AnyAsync(d => d.ClientId == clientId)));

        // The audit entry names the new rows by the keys the database gave them, never by EF Core's placeholders.
        var after = await _app.Db(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == nameof(RecordPaymentEvent) && a.EntityId == deposit.Id.ToString())
            .Select(a => a.After).SingleAsync());
        Assert.Contains($"\"AccountId\":{client.AccountId}", after);
        Assert.DoesNotContain("-92233720", after);
    }

    [Fact]
    public async Task A_changed_row_is_written_only_if_no_one_changed_it_since_it_was_read()
    {
        var id = (await _app.Scopes.SendAsAsync(new RaiseAlert("test.guard", AlertSeverity.Info, "Guarded"), Actor.System("test"))).Value;
        // Someone else's change slips in between the read and the save.
        await SealedSaveAsync(async db =>
        {
            var alert = await db.Alerts.SingleAsync(a => a.Id == id);
            alert.Status = AlertStatus.Resolved;
            await db.Alerts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version + 1).SetProperty(a => a.Message, "Changed meanwhile"));
        }, conflict: true);
        // The transaction was never committed: the alert is as it was.
        var stored = await _app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((AlertStatus.Open, "Guarded"), (stored.Status, stored.Message));
    }

    [Fact]
    public async Task Values_written_directly_are_stored_in_the_types_and_forms_EF_Core_stores_them_in()
    {
        var client = await ClientBook.RegisterAsync(_app);
        var at = new DateTime(2026, 11, 28, 23, 30, 15, DateTimeKind.Utc).AddTicks(1_234_567);
        OperationalAlert Alert() => new()
        {
            Kind = "test.stored-form", Severity = AlertSeverity.Warning, EntityType = "Deposit", EntityId = "D-ü-1", Message = "Stored form: ünïcode, 'quotes'",
            RaisedAt = at, Status = AlertStatus.Open, Version = 3,
        };
        ActivityEvent Activity() => new()
        {
            ClientId = client, Kind = MonitoringEventKind.Deposit, At = at, AmountMinor = 1_234_567, Currency = "USD", AmountUsd = 12_345.67m,
            MethodKind = PaymentMethodKind.Card, MethodFingerprint = "fp-1", TradedVolumeUsd = 0.5m, RecordedAt = at.AddSeconds(1),
        };
        var (directAlert, directActivity) = (Alert(), Activity());
        var (savedAlert, savedActivity) = (Alert(), Activity());
        await SealedSaveAsync(db =>
        {
            db.Alerts.Add(directAlert);
            db.ActivityEvents.Add(directActivity);
            return Task.CompletedTask;
        });
        await _app.Db(async db =>
        {
            db.Alerts.Add(savedAlert);
            db.ActivityEvents.Add(savedActivity);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(await StoredAsync<OperationalAlert>(savedAlert.Id), await StoredAsync<OperationalAlert>(directAlert.Id));
        Assert.Equal(await StoredAsync<ActivityEvent>(savedActivity.Id), await StoredAsync<ActivityEvent>(directActivity.Id));

        // A change written directly is stored as EF Core's save stores it too.
        await SealedSaveAsync(async db =>
        {
            var alert = await db.Alerts.SingleAsync(a => a.Id == directAlert.Id);
            (alert.Status, alert.AcknowledgedBy, alert.AcknowledgedAt, alert.EntityId) = (AlertStatus.Acknowledged, "Finance Officer", at.AddMinutes(5), null);
        });
        await _app.Db(async db =>
        {
            var alert = await db.Alerts.SingleAsync(a => a.Id == savedAlert.Id);
            (alert.Status, alert.AcknowledgedBy, alert.AcknowledgedAt, alert.EntityId) = (AlertStatus.Acknowledged, "Finance Officer", at.AddMinutes(5), null);
            return await db.SaveChangesAsync();
        });
        var changed = await StoredAsync<OperationalAlert>(directAlert.Id);
        Assert.Equal(await StoredAsync<OperationalAlert>(savedAlert.Id), changed);
        Assert.Contains("Finance Officer", changed);
    }

    [Fact]
    public async Task Rows_read_by_a_fixed_statement_equal_the_rows_EF_Core_reads()
    {
        var client = await ClientBook.RegisterAsync(_app);
        var at = new DateTime(2026, 11, 28, 23, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560); // to the microsecond, as PostgreSQL keeps it
        var full = new ActivityEvent
        {
            ClientId = client, Kind = MonitoringEventKind.Deposit, At = at, AmountMinor = 1_234_567, Currency = "USD", AmountUsd = 12_345.67m,
            MethodKind = PaymentMethodKind.Card, MethodFingerprint = "fp-ü", MethodHolder = "O'Brien", IpCountry = "GB", TradedVolumeUsd = 0.5m, RecordedAt = at.AddSeconds(1),
        };
        var bare = new ActivityEvent { ClientId = client, Kind = MonitoringEventKind.Trade, At = at.AddDays(-3), RecordedAt = at };
        await _app.Db(async db =>
        {
            db.ActivityEvents.AddRange(full, bare);
            return await db.SaveChangesAsync();
        });

        await _app.Db(async db =>
        {
            var expected = await db.ActivityEvents.AsNoTracking().Where(e => e.ClientId == client).OrderBy(e => e.Id).ToListAsync();
            var read = await db.RowsAsync<ActivityEvent>("test.fixed-read", d =>
            {
                var (_, c) = AppendOnlyInsert.Names<ActivityEvent>(d);
                return $"WHERE {c(nameof(ActivityEvent.ClientId))} = @p0 ORDER BY {c(nameof(ActivityEvent.Id))}";
            }, default, (nameof(ActivityEvent.ClientId), client));
            Assert.Equal(2, read.Count);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected), System.Text.Json.JsonSerializer.Serialize(read));

            // One column read as its property is stored: an enum kept as its name, a decimal, a date, and their nulls.
            var columns = await db.ReadAsync<ActivityEvent, (PaymentMethodKind?, decimal, DateTime)>("test.fixed-read-columns", d =>
            {
                var (table, c) = AppendOnlyInsert.Names<ActivityEvent>(d);
                return $"SELECT {c(nameof(ActivityEvent.MethodKind))}, {c(nameof(ActivityEvent.AmountUsd))}, {c(nameof(ActivityEvent.At))} FROM {table} "
                       + $"WHERE {c(nameof(ActivityEvent.ClientId))} = @p0 ORDER BY {c(nameof(ActivityEvent.Id))}";
            }, r => (r.Get<ActivityEvent, PaymentMethodKind?>(db, 0, nameof(ActivityEvent.MethodKind)), r.Get<ActivityEvent, decimal>(db, 1, nameof(ActivityEvent.AmountUsd)),
                r.Get<ActivityEvent, DateTime>(db, 2, nameof(ActivityEvent.At))), default, (nameof(ActivityEvent.ClientId), client));
            Assert.Equal([(PaymentMethodKind.Card, 12_345.67m, at), (null, 0m, at.AddDays(-3))], columns);
            return 0;
        });
    }

    [Fact]
    public async Task Rows_read_for_change_by_a_fixed_statement_are_tracked_as_a_tracking_query_tracks_them()
    {
        var client = await ClientBook.RegisterAsync(_app);
        var at = new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc);
        var first = new ActivityEvent { ClientId = client, Kind = MonitoringEventKind.Deposit, At = at, RecordedAt = at, AmountMinor = 100 };
        var second = new ActivityEvent { ClientId = client, Kind = MonitoringEventKind.Deposit, At = at.AddHours(1), RecordedAt = at, AmountMinor = 200 };
        await _app.Db(async db =>
        {
            db.ActivityEvents.AddRange(first, second);
            return await db.SaveChangesAsync();
        });
        Func<BackOfficeDb, string> byClient = d =>
        {
            var (_, c) = AppendOnlyInsert.Names<ActivityEvent>(d);
            return $"WHERE {c(nameof(ActivityEvent.ClientId))} = @p0 ORDER BY {c(nameof(ActivityEvent.Id))}";
        };

        await _app.Db(async db =>
        {
            var already = await db.ActivityEvents.SingleAsync(e => e.Id == first.Id);
            already.AmountMinor = 150;
            var rows = await db.TrackedRowsAsync<ActivityEvent>("test.tracked-read", byClient, default, (nameof(ActivityEvent.ClientId), client));
            Assert.Same(already, rows[0]);
            Assert.Equal(150, rows[0].AmountMinor);
            Assert.Equal(EntityState.Unchanged, db.Entry(rows[1]).State);
            rows[1].AmountMinor = 250;
            return await db.SaveChangesAsync();
        });
        var stored = await _app.Db(db => db.ActivityEvents.AsNoTracking().Where(e => e.ClientId == client).OrderBy(e => e.Id).Select(e => e.AmountMinor).ToListAsync());
        Assert.Equal([150L, 250L], stored);
    }

    /// <summary>
    /// What the transaction stage does around a handler: <paramref name="change"/>, captured, saved by the final save and
    /// committed; or, with <paramref name="conflict"/>, refused by the save as a concurrency conflict and never committed.
    /// </summary>
    private async Task SealedSaveAsync(Func<BackOfficeDb, Task> change, bool conflict = false)
    {
        await using var scope = _app.Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var effects = scope.ServiceProvider.GetRequiredService<Effects>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var frame = effects.Push("Test");
        db.CaptureInto = effects;
        try
        {
            await change(db);
            BackOffice.Core.Common.Pipeline.ChangeCapture.Capture(db, frame);
            frame.Sealed = true;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            if (conflict)
            {
                await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
                return;
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        finally
        {
            db.CaptureInto = null;
            effects.Pop();
        }
    }

    /// <summary>
    /// A row's columns but its key as stored: on SQLite each value's own type and text (SQLite keeps whatever it was given);
    /// PostgreSQL's columns are typed, so their text.
    /// </summary>
    private Task<string> StoredAsync<T>(object id) where T : class => _app.Db(async db =>
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var (table, column) = AppendOnlyInsert.Names<T>(db);
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => column(p.Name)).ToList();
        var key = column(entity.FindPrimaryKey()!.Properties[0].Name);
        var select = db.IsPostgres
            ? $"SELECT concat_ws('|', {string.Join(", ", columns.Select(c => $"coalesce({c}::text, 'null')"))}) AS \"Value\" FROM {table} WHERE {key} = {{0}}"
            : $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"typeof({c}) || ':' || quote({c})"))} AS \"Value\" FROM {table} WHERE {key} = {{0}}";
        return await db.Database.SqlQueryRaw<string>(select, id).SingleAsync();
    });
}
