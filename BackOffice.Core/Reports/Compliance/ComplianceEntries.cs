using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.Facts.ReportFactsInvalidation;

namespace BackOffice.Core.Reports.Compliance;

/// <summary>What a <see cref="ComplianceEntry"/> stands for.</summary>
public enum ComplianceEntryKind
{
    /// <summary>A client whose case is high risk now; <see cref="ComplianceEntry.Key"/> is the client number.</summary>
    HighRisk,

    /// <summary>A risk record that set or scored a client high; <see cref="ComplianceEntry.Key"/> is the client, so a range counts clients once.</summary>
    BecameHigh,

    /// <summary>A due diligence case: opened at, signed off at (until), its status.</summary>
    Edd,

    /// <summary>A screening hit: raised at, PEP or sanctions (code), its status.</summary>
    Hit,

    /// <summary>An AML alert: raised at, its rule (code), its status.</summary>
    Alert,
}

/// <summary>
/// One row of the compliance report (a high-risk client, a due diligence case, a high risk score, a screening hit, an AML
/// alert) filed under every segment of the clients its client belongs to: country or any, account manager or any, account
/// type or any, as <see cref="FactSegment"/>. A filter then reads its own segment's rows from one index, in the order its
/// list shows them, instead of testing every row's client against the filter.
/// </summary>
public sealed class ComplianceEntry : ISegmentRow
{
    public long Id { get; set; }
    public ComplianceEntryKind Kind { get; set; }
    public string Country { get; set; } = "";
    public string ManagerId { get; set; } = "";
    public int AccountTypeId { get; set; }
    public long ClientId { get; set; }

    /// <summary>The client number (high risk), the client (became high) or the row's own id (the others).</summary>
    public long Key { get; set; }

    public DateTime? At { get; set; }
    public DateTime? Until { get; set; }
    public string Code { get; set; } = "";
    public string Outcome { get; set; } = "";
}

/// <summary>
/// Keeps <see cref="ComplianceEntry"/> equal to the data, in the transaction of every command that changes it: a risk level
/// set, a due diligence case opened or signed off, a hit or alert raised or decided, a risk score, a client moved to
/// another country or manager, an account of another type opened. Every client such a command touches has all its rows
/// written again from that client's data — never adjusted by a difference — so a late or out-of-order change leaves them
/// right. Built from scratch by <see cref="RebuildAsync"/> (the migration, a bulk load).
/// </summary>
public sealed class ComplianceEntries(BackOfficeDb db)
{
    private const string Table = "\"ComplianceEntries\"";

    /// <summary>The code of a screening hit on a politically exposed person (else "Sanctions").</summary>
    public const string Pep = "PEP";

    /// <summary>The code of a screening hit on a sanctions list.</summary>
    public const string Sanctions = "Sanctions";

    /// <summary>Per kind: the rows it comes from, which of them count, and what each column holds.</summary>
    private static readonly (ComplianceEntryKind Kind, string From, string Where, string Key, string At, string Until, string Code, string Outcome)[] Sources =
    [
        (ComplianceEntryKind.HighRisk, "\"KycCases\"", $"h.\"RiskLevel\" = '{RiskLevel.High}'", "cl.\"Number\"", "NULL", "NULL", "''", "''"),
        (ComplianceEntryKind.BecameHigh, "\"RiskRecords\"", $"h.\"Level\" = '{RiskLevel.High}'", "h.\"ClientId\"", "h.\"At\"", "NULL", "''", "''"),
        (ComplianceEntryKind.Edd, "\"EddCases\"", "1 = 1", "h.\"Id\"", "h.\"OpenedAt\"", "h.\"SignedOffAt\"", "''", "h.\"Status\""),
        (ComplianceEntryKind.Hit, "\"ScreeningHits\"", "1 = 1", "h.\"Id\"", "h.\"RaisedAt\"", "NULL", $"CASE WHEN h.\"EntryIsPep\" THEN '{Pep}' ELSE '{Sanctions}' END", "h.\"Status\""),
        (ComplianceEntryKind.Alert, "\"AmlAlerts\"", "1 = 1", "h.\"Id\"", "h.\"RaisedAt\"", "NULL", "h.\"RuleCode\"", "h.\"Status\""),
    ];

    /// <summary>
    /// The rows of the clients <paramref name="scope"/> keeps (an SQL condition on the source's client, h."ClientId"), from
    /// the data: each source row once per segment of its client. The account types are the few of the catalogue, each
    /// tested on the client's live accounts by key, so writing one client's rows reads only that client's.
    /// </summary>
    private static string InsertSql(string scope) => string.Join("\n", Sources.Select(s => $"""
        INSERT INTO {Table} ("Kind", "Country", "ManagerId", "AccountTypeId", "ClientId", "Key", "At", "Until", "Code", "Outcome")
        SELECT '{s.Kind}', CASE WHEN k.c = 1 THEN cl."Country" ELSE '' END, CASE WHEN k.m = 1 THEN COALESCE(cl."ManagerId", '{FactSegment.NoManager}') ELSE '' END, t.t,
               h."ClientId", {s.Key}, {s.At}, {s.Until}, {s.Code}, {s.Outcome}
        FROM {s.From} h
        JOIN "Clients" cl ON cl."Id" = h."ClientId"
        CROSS JOIN (SELECT 0 AS c, 0 AS m UNION ALL SELECT 1, 0 UNION ALL SELECT 0, 1 UNION ALL SELECT 1, 1) k
        JOIN (SELECT 0 AS t UNION ALL SELECT "Id" FROM "AccountTypes") t
          ON t.t = 0 OR EXISTS (SELECT 1 FROM "TradingAccounts" a WHERE a."ClientId" = h."ClientId" AND a."AccountTypeId" = t.t AND NOT a."IsDemo")
        WHERE {s.Where} AND {scope};
        """));

    /// <summary>Every row, from the data.</summary>
    public static readonly string RebuildSql = $"DELETE FROM {Table};\n" + InsertSql("1 = 1");

    public static Task RebuildAsync(BackOfficeDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(RebuildSql, ct);

    /// <summary>The rows of one kind that the filter's segment holds (the countries of a region group together).</summary>
    public static IQueryable<ComplianceEntry> Of(BackOfficeDb db, ReportScope s, ComplianceEntryKind kind) =>
        s.InSegment(db.ComplianceEntries.AsNoTracking().Where(x => x.Kind == kind));

    internal async Task KeepAsync(IEnumerable<EntityChange> changes, CancellationToken ct)
    {
        var clients = new HashSet<long>();
        foreach (var change in changes)
        {
            if (change.Entry is not { } entry) continue;
            switch (entry.Entity)
            {
                case KycCase c when Touches(change, nameof(KycCase.RiskLevel)):
                    clients.Add(c.ClientId);
                    break;
                case RiskRecord r when Touches(change, nameof(RiskRecord.Level), nameof(RiskRecord.At), nameof(RiskRecord.ClientId)):
                    clients.Add(r.ClientId);
                    break;
                case EddCase e when Touches(change, nameof(EddCase.Status), nameof(EddCase.OpenedAt), nameof(EddCase.SignedOffAt), nameof(EddCase.ClientId)):
                    clients.Add(e.ClientId);
                    break;
                case ScreeningHitRecord h when Touches(change, nameof(ScreeningHitRecord.Status), nameof(ScreeningHitRecord.RaisedAt),
                    nameof(ScreeningHitRecord.EntryIsPep), nameof(ScreeningHitRecord.ClientId)):
                    clients.Add(h.ClientId);
                    break;
                case AmlAlert a when Touches(change, nameof(AmlAlert.Status), nameof(AmlAlert.RaisedAt), nameof(AmlAlert.RuleCode), nameof(AmlAlert.ClientId)):
                    clients.Add(a.ClientId);
                    break;
                case Client c when change.State == "Modified" && Touches(change, nameof(Client.Country), nameof(Client.ManagerId)):
                    clients.Add(c.Id);
                    break;
                case TradingAccount a when Touches(change, nameof(TradingAccount.AccountTypeId), nameof(TradingAccount.IsDemo), nameof(TradingAccount.ClientId)):
                    clients.Add(a.ClientId);
                    if (change.Before?.GetValueOrDefault(nameof(TradingAccount.ClientId)) is long was) clients.Add(was);
                    break;
            }
        }
        if (clients.Count == 0) return;
        await RewriteAsync(db, 72010002, clients, list => $"DELETE FROM {Table} WHERE \"ClientId\" IN ({list});\n" + InsertSql($"h.\"ClientId\" IN ({list})"), ct);
    }
}
