using System.Diagnostics;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Audit;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Reports.Access;
using static BackOffice.Bench.ClientBookSeed;

namespace BackOffice.Bench;

/// <summary>
/// What compliance and the staff did over the book's three years, for the compliance, permission and abnormal-events
/// reports: risk records and due diligence for the high-risk cases the KYC seed scored, screening hits, AML alerts,
/// operational alerts with who acknowledged and resolved them, sign-ins, four-eyes operations and a million audit
/// entries (a valid chain, continuing the app's own). Region groups to filter by. Written with prepared INSERTs;
/// deterministic.
/// </summary>
public static class ReportActivitySeed
{
    public const int AuditEntries = 1_000_000;
    public const int ScreeningHits = 40_000;
    public const int AmlAlerts = 60_000;
    public const int OperationalAlerts = 50_000;
    public const int LoginEvents = 150_000;
    public const int PendingOperations = 30_000;

    public static readonly (string Name, string Countries)[] RegionGroups =
    [
        ("Europe desk", "CH,CY,DE,ES,FR,GB,GR,IT,NL,PL,PT,SE"), ("GCC", "AE,KW,QA,SA"), ("Asia desk", "ID,IN,JP,MY,SG,TH,VN"),
    ];

    private static readonly string[] Rules =
    [
        Structuring.RuleCode, RoundTripping.RuleCode, WithdrawalDestination.RuleCode, AboveDeclaredVolume.RuleCode, PaymentMethodChurn.RuleCode,
        HighRiskCountryAccess.RuleCode, DormantReactivation.RuleCode,
    ];

    private static readonly (string Kind, string Severity, string Message)[] AlertMix =
    [
        (AlertKinds.PaymentCallbackFailed, "Warning", "A card callback could not be applied"), (AlertKinds.LargeWithdrawal, "Info", "A large withdrawal was requested"),
        (AlertKinds.WithdrawalSla, "Warning", "A withdrawal waits past its SLA"), (AlertKinds.PlatformSyncFailed, "Warning", "An account could not be synced to the platform"),
        (AlertKinds.NewIpLogin, "Info", "A staff member signed in from a new address"), (AlertKinds.AmlAlert, "Warning", "An AML alert was raised"),
        (AlertKinds.DocumentExpired, "Info", "A client's document expired"), (AlertKinds.Chargeback, "Critical", "A card deposit was charged back"),
        (AlertKinds.LedgerMismatch, "Critical", "The ledger and the platform disagree"), (AlertKinds.PlatformOutage, "Critical", "The trading platform does not answer"),
    ];

    private static readonly string[] EverydayActions =
    [
        "RegisterClient", "SubmitClientForReview", "AcceptDocument", "RejectDocument", "ApproveClient", "RequestClientDocuments", "AddClientNote",
        "StartDeposit", "ConfirmWireDeposit", "RequestWithdrawal", "ApproveWithdrawal", "RecordPaymentVoucher", "OpenTradingAccount", "DecideScreeningHit",
    ];

    private static readonly string[] AdministratorActions =
    [
        "ChangeAccountType", "ChangeApprovalPolicy", "AddWebhookSubscription", "LockStaffMember", "CreateRegionGroup", "ChangePaymentChannel",
    ];

    private static readonly string[] SensitiveActions = ["CorrectBalance", "UnrestrictClient", "ChangeLeverage", "ReassignPartner", "RefundDeposit"];

    public sealed record Seeded(long RiskRecords, long EddCases, long Audit, TimeSpan Took);

    public static Seeded Seed(string databaseFile)
    {
        var took = Stopwatch.StartNew();
        using var connection = Open(databaseFile);
        // A bulk load: the rows are consistent once all are written (ledger accounts come last), not row by row.
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;");
        Execute(connection, $"""
            DELETE FROM RiskRecords; DELETE FROM EddCases; DELETE FROM ScreeningHits; DELETE FROM ScreeningEntries; DELETE FROM AmlAlerts; DELETE FROM Alerts;
            DELETE FROM LoginEvents; DELETE FROM PendingOperations; DELETE FROM RegionGroups; DELETE FROM AuditEntries WHERE At < '{Time(Now)}';
            """);
        ReportBookSeed.DropIndexesForLoad(connection, "RiskRecords", "EddCases", "ScreeningHits", "ScreeningEntries", "AmlAlerts", "Alerts", "LoginEvents", "PendingOperations", "AuditEntries");
        var staff = new List<(string Id, string UserName, string Name)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, UserName, DisplayName FROM AspNetUsers ORDER BY UserName";
            using var reader = read.ExecuteReader();
            while (reader.Read()) staff.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        (string Id, string UserName, string Name) Staff(string userName) => staff.Single(s => s.UserName == userName);
        var random = new Random(2029);
        var start = Now.AddYears(-3);
        DateTime Any() => start.AddMinutes((Now - start).TotalMinutes * Math.Sqrt(random.NextDouble()));
        DateTime Before(DateTime t) => t < Now ? t : Now.AddSeconds(-random.Next(1, 3600));
        var transaction = connection.BeginTransaction();

        foreach (var (name, countries) in RegionGroups)
            Run(Prepare(connection, "INSERT INTO RegionGroups (Name, Countries, Version) VALUES ($name, $countries, 0)"), transaction, name, countries);

        // Risk records for every scored case; due diligence for the high-risk ones, most signed off within weeks.
        var insertRisk = Prepare(connection, "INSERT INTO RiskRecords (ClientId, At, Points, ScoredLevel, Level, \"Trigger\", Factors) VALUES ($c, $at, $p, $s, $l, 'documents_reviewed', '[]')");
        var insertEdd = Prepare(connection, """
            INSERT INTO EddCases (ClientId, OpenedAt, Reasons, Status, SourceOfWealthEvidence, SourceOfFundsEvidence, SeniorManagementApproval, EnhancedMonitoring,
                SignedOffBy, SignedOffAt, SignOffNote, Version)
            VALUES ($c, $opened, $reasons, $status, $e, $e, $e, $e, $by, $at, $note, 0)
            """);
        long risks = 0, edds = 0;
        var cases = new List<(long Client, string Level, int Points, DateTime At)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT ClientId, RiskLevel, RiskPoints, RiskAssessedAt FROM KycCases WHERE RiskLevel IS NOT NULL ORDER BY ClientId";
            read.Transaction = transaction;
            using var reader = read.ExecuteReader();
            while (reader.Read()) cases.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), ReportBookSeed.Utc(reader.GetString(3))));
        }
        foreach (var (client, level, points, at) in cases)
        {
            Run(insertRisk, transaction, client, Time(at), points, level, level);
            risks++;
            if (level != "High") continue;
            var signed = at.AddDays(3 + random.NextDouble() * 57);
            var open = signed >= Now || random.NextDouble() < 0.05;
            Run(insertEdd, transaction, client, Time(at), "High risk score: jurisdiction and source of funds", open ? "Open" : "SignedOff", open ? 0 : 1,
                open ? null : Staff("compliance").Name, open ? null : Time(signed), open ? null : "Source of wealth evidenced");
            edds++;
        }
        Console.WriteLine($"  {risks:N0} risk records, {edds:N0} due diligence cases ({Stats.F(took.Elapsed.TotalSeconds, "0.0")} s)");

        // Screening hits against a list of 3,000 entries, and AML alerts.
        var insertEntry = Prepare(connection, """
            INSERT INTO ScreeningEntries (Id, Source, ExternalId, Kind, Name, Aliases, BirthDates, Countries, Programs, IsPep, ContentHash, AddedAt, ChangedAt, ChangedByImportId)
            VALUES ($id, 'bench', $external, 'Person', $name, '', '', '', 'SDGT', $pep, $hash, $at, $at, 0)
            """);
        for (var e = 1; e <= 3_000; e++)
            Run(insertEntry, transaction, (long)e, $"B-{e}", $"Listed Person {e}", e % 3 == 0 ? 1 : 0, $"h{e}", Time(start));
        var clientCount = Scalar(connection, "SELECT COUNT(*) FROM Clients");
        var insertHit = Prepare(connection, """
            INSERT INTO ScreeningHits (ClientId, SubjectName, EntryId, EntryIsPep, EntryHash, Score, NameScore, MatchedName, Matched, Contradicted, "Trigger",
                RaisedAt, Status, DecidedBy, DecidedAt, Version)
            VALUES ($c, $subject, $entry, $pep, $hash, 0.91, 0.93, $matched, 1, 0, 'list_update', $raised, $status, $by, $decided, 0)
            """);
        for (var h = 0; h < ScreeningHits; h++)
        {
            var raised = Any();
            var entry = 1L + random.Next(3_000);
            var roll = random.NextDouble();
            var status = (Now - raised).TotalDays < 10 && roll < 0.6 ? ScreeningHitStatus.Open
                : roll < 0.9 ? ScreeningHitStatus.FalsePositive : roll < 0.93 ? ScreeningHitStatus.TrueMatch : ScreeningHitStatus.Withdrawn;
            var decided = status == ScreeningHitStatus.Open ? (DateTime?)null : Before(raised.AddHours(1 + random.Next(72)));
            Run(insertHit, transaction, 1L + random.NextInt64(clientCount), $"Subject {h}", entry, entry % 3 == 0 ? 1 : 0, $"h{entry}", $"Listed Person {entry}",
                Time(raised), status.ToString(), decided is null ? null : "compliance", decided is { } d ? Time(d) : null);
        }
        var insertAml = Prepare(connection, """
            INSERT INTO AmlAlerts (ClientId, RuleCode, Severity, Sentence, EventIds, RaisedAt, Status, ClosedBy, ClosedAt, CloseReason, Version)
            VALUES ($c, $rule, 'Medium', 'Pattern seen in the client''s payments', '[]', $raised, $status, $by, $closed, $reason, 0)
            """);
        var rulePick = ReportBookSeed.Weighted([30, 15, 20, 12, 10, 8, 5]);
        for (var a = 0; a < AmlAlerts; a++)
        {
            var raised = Any();
            var roll = random.NextDouble();
            var status = (Now - raised).TotalDays < 14 && roll < 0.5 ? AmlAlertStatus.Open
                : roll < 0.1 ? AmlAlertStatus.Investigating : roll < 0.95 ? AmlAlertStatus.ClosedFalsePositive : AmlAlertStatus.Escalated;
            var closed = status is AmlAlertStatus.ClosedFalsePositive or AmlAlertStatus.Escalated ? Before(raised.AddHours(2 + random.Next(200))) : (DateTime?)null;
            Run(insertAml, transaction, 1L + random.NextInt64(clientCount), Rules[rulePick(random)], Time(raised), status.ToString(),
                closed is null ? null : "compliance", closed is { } c ? Time(c) : null, closed is null ? null : "Explained by the client's payroll");
        }
        Console.WriteLine($"  screening hits and AML alerts ({Stats.F(took.Elapsed.TotalSeconds, "0.0")} s)");

        // Operational alerts, acknowledged and resolved by the desk that owns them.
        var insertAlert = Prepare(connection, """
            INSERT INTO Alerts (Id, Kind, Severity, EntityType, EntityId, Message, RaisedAt, Status, AcknowledgedBy, AcknowledgedAt, ResolvedBy, ResolvedAt, Resolution, Version)
            VALUES ($id, $kind, $severity, 'Bench', $entity, $message, $raised, $status, $ackBy, $ackAt, $resBy, $resAt, $resolution, 0)
            """);
        var responders = new[] { "finance", "finance2", "compliance", "compliance2", "risk", "support" };
        var alerts = Enumerable.Range(0, OperationalAlerts).Select(_ => Any()).Order().ToList();
        foreach (var raised in alerts)
        {
            var (kind, severity, message) = AlertMix[random.Next(AlertMix.Length)];
            var recent = (Now - raised).TotalDays < 3;
            var roll = random.NextDouble();
            var acknowledged = recent && roll < 0.3 ? (DateTime?)null : Before(raised.AddMinutes(1 + random.Next(240)));
            var resolved = acknowledged is null || (recent && roll < 0.6) ? (DateTime?)null : Before(acknowledged.Value.AddMinutes(5 + random.Next(60 * 24)));
            var who = responders[random.Next(responders.Length)];
            Run(insertAlert, transaction, Guid.CreateVersion7(raised).ToString().ToUpperInvariant(), kind, severity, random.Next(100_000).ToString(), message, Time(raised),
                resolved is not null ? "Resolved" : acknowledged is not null ? "Acknowledged" : "Open", acknowledged is null ? null : who,
                acknowledged is { } ack ? Time(ack) : null, resolved is null ? null : who, resolved is { } res ? Time(res) : null, resolved is null ? null : "Handled");
        }

        // Sign-ins (one in seven abnormal) and four-eyes operations.
        var insertLogin = Prepare(connection, "INSERT INTO LoginEvents (Id, At, StaffId, UserName, Kind, Ip, UserAgent) VALUES ($id, $at, $staff, $user, $kind, $ip, 'Mozilla/5.0 (X11; Linux x86_64)')");
        var kinds = new[] { LoginEventKind.Failure, LoginEventKind.LockedOut, LoginEventKind.TwoFactorFailure, LoginEventKind.NewIp };
        foreach (var at in Enumerable.Range(0, LoginEvents).Select(_ => Any()).Order())
        {
            var member = staff[random.Next(staff.Count)];
            var kind = random.NextDouble() < 1 / 7.0 ? kinds[random.Next(kinds.Length)] : LoginEventKind.Success;
            Run(insertLogin, transaction, Guid.CreateVersion7(at).ToString().ToUpperInvariant(), Time(at), member.Id, member.UserName, kind.ToString(), $"10.0.{random.Next(256)}.{random.Next(256)}");
        }
        var insertOperation = Prepare(connection, """
            INSERT INTO PendingOperations (Id, CommandType, Payload, Summary, Reason, CheckerPermission, MakerId, MakerName, CreatedAt, ExpiresAt, Status,
                DecidedById, DecidedByName, DecidedAt, DecisionNote, Version)
            VALUES ($id, $type, '{}', $summary, 'Client request', 'ledger.correct', $maker, $makerName, $created, $expires, $status, $checker, $checkerName, $decided, $note, 0)
            """);
        var makers = new[] { "finance", "finance2", "compliance", "admin", "admin2" };
        foreach (var created in Enumerable.Range(0, PendingOperations).Select(_ => Any()).Order())
        {
            var maker = Staff(makers[random.Next(makers.Length)]);
            var checker = Staff(maker.UserName switch { "finance" => "finance2", "finance2" => "finance", "admin" => "admin2", "admin2" => "admin", _ => "compliance2" });
            var roll = random.NextDouble();
            var status = created.AddDays(2) > Now && roll < 0.5 ? PendingOperationStatus.Pending
                : roll < 0.75 ? PendingOperationStatus.Approved : roll < 0.87 ? PendingOperationStatus.Rejected : roll < 0.95 ? PendingOperationStatus.Expired : PendingOperationStatus.Cancelled;
            var decided = status is PendingOperationStatus.Approved or PendingOperationStatus.Rejected ? Before(created.AddMinutes(5 + random.Next(60 * 30))) : (DateTime?)null;
            var action = SensitiveActions[random.Next(SensitiveActions.Length)];
            Run(insertOperation, transaction, Guid.CreateVersion7(created).ToString().ToUpperInvariant(), action, $"{action} for client {100_001 + random.Next(1_000_000)}",
                maker.Id, maker.Name, Time(created), Time(created.AddDays(2)), status.ToString(), decided is null ? null : checker.Id, decided is null ? null : checker.Name,
                decided is { } d ? Time(d) : null, decided is null ? null : "Checked against the ticket");
        }
        transaction.Commit();
        transaction.Dispose();
        Console.WriteLine($"  alerts, sign-ins, four-eyes operations ({Stats.F(took.Elapsed.TotalSeconds, "0.0")} s)");

        // The audit trail: everyday commands by the desks, a few percent by administrators, one in a hundred approved by a second person.
        transaction = connection.BeginTransaction();
        var insertAudit = Prepare(connection, """
            INSERT INTO AuditEntries (Sequence, At, ActorId, ActorName, ApproverId, ApproverName, Action, EntityType, EntityId, Before, After, Reason, Ip, UserAgent,
                CorrelationId, PreviousHash, Hash)
            VALUES ($sequence, $at, $actor, $actorName, $approver, $approverName, $action, $entityType, $entityId, $before, $after, $reason, $ip, $agent, $correlation, $previous, $hash)
            """);
        string previous;
        long sequence;
        using (var tip = connection.CreateCommand())
        {
            tip.CommandText = "SELECT Sequence, Hash FROM AuditEntries ORDER BY Sequence DESC LIMIT 1";
            tip.Transaction = transaction;
            using var reader = tip.ExecuteReader();
            (sequence, previous) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0L, "");
        }
        var desks = staff.Where(s => s.UserName is not ("admin" or "admin2")).ToList();
        var times = Enumerable.Range(0, AuditEntries).Select(_ => Any()).Order().ToList();
        foreach (var at in times)
        {
            var roll = random.NextDouble();
            var entry = new AuditEntry { Sequence = ++sequence, At = new DateTime(at.Ticks - at.Ticks % 10, DateTimeKind.Utc), Ip = "10.0.0.7", UserAgent = "Mozilla/5.0",
                CorrelationId = random.NextInt64().ToString("x16") };
            (string Id, string UserName, string Name) actor;
            if (roll < 0.0003)
            {
                actor = Staff(random.Next(2) == 0 ? "admin" : "admin2");
                var approver = Staff(actor.UserName == "admin" ? "admin2" : "admin");
                (entry.Action, entry.EntityType, entry.EntityId) = (PermissionReportHandler.RoleChangeActions[random.Next(PermissionReportHandler.RoleChangeActions.Length)], "StaffRole", "support");
                (entry.ApproverId, entry.ApproverName, entry.Reason) = (approver.Id, approver.Name, "Desk reorganisation");
                (entry.Before, entry.After) = ("{\"StaffRole:support\":{\"Permissions\":\"clients.view\"}}", "{\"StaffRole:support\":{\"Permissions\":\"clients.view,reports.view\"}}");
            }
            else if (roll < 0.03)
            {
                actor = Staff(random.Next(2) == 0 ? "admin" : "admin2");
                (entry.Action, entry.EntityType, entry.EntityId) = (AdministratorActions[random.Next(AdministratorActions.Length)], "Settings", random.Next(50).ToString());
                entry.After = "{\"Settings:1\":{\"Value\":\"changed\"}}";
            }
            else if (roll < 0.04)
            {
                actor = desks[random.Next(desks.Count)];
                var approver = Staff(actor.UserName == "finance" ? "finance2" : "finance");
                (entry.Action, entry.EntityType, entry.EntityId) = (SensitiveActions[random.Next(SensitiveActions.Length)], "Client", (100_001 + random.Next(1_000_000)).ToString());
                (entry.ApproverId, entry.ApproverName, entry.Reason) = (approver.Id, approver.Name, "Client request, ticket attached");
                (entry.Before, entry.After) = ("{\"Client:1\":{\"Leverage\":100}}", "{\"Client:1\":{\"Leverage\":200}}");
            }
            else
            {
                actor = desks[random.Next(desks.Count)];
                (entry.Action, entry.EntityType, entry.EntityId) = (EverydayActions[random.Next(EverydayActions.Length)], "Client", (100_001 + random.Next(1_000_000)).ToString());
                entry.After = "{\"Client:1\":{\"Status\":\"Approved\"}}";
            }
            (entry.ActorId, entry.ActorName) = (actor.Id, actor.Name);
            entry.PreviousHash = previous;
            entry.Hash = AuditEntry.ComputeHash(previous, entry.Canonical());
            previous = entry.Hash;
            Run(insertAudit, transaction, entry.Sequence, Time(entry.At), entry.ActorId, entry.ActorName, entry.ApproverId, entry.ApproverName, entry.Action,
                entry.EntityType, entry.EntityId, entry.Before, entry.After, entry.Reason, entry.Ip, entry.UserAgent, entry.CorrelationId, entry.PreviousHash, entry.Hash);
            if (sequence % 250_000 == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
            }
        }
        transaction.Commit();
        transaction.Dispose();
        Console.WriteLine($"  {AuditEntries:N0} audit entries ({Stats.F(took.Elapsed.TotalSeconds, "0.0")} s)");
        ReportBookSeed.RestoreIndexes(connection);
        return new Seeded(risks, edds, AuditEntries, took.Elapsed);
    }
}
