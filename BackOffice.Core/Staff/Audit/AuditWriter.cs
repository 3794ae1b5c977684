using System.Text.Json;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.Audit;

/// <summary>Appends the audit entry of a command to the hash chain, inside the command's transaction.</summary>
public sealed class AuditWriter(BackOfficeDb db, CommandContext context, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    internal async Task WriteAsync(AuditFrame frame, object command, CancellationToken ct)
    {
        var actor = context.Actor;
        var approval = context.Approval;
        var changes = frame.Changes.Values.Where(c => c.State != "Transient").ToList();
        if (changes.Count == 0 && frame.Events.Count == 0)
            return; // a command that changed nothing (a scheduler finding no work) leaves no entry
        var subject = frame.Subject ?? (changes.Count > 0 ? (changes[0].EntityType, changes[0].EntityId) : default);

        var entry = new AuditEntry
        {
            At = TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime),
            ActorId = actor.StaffId,
            ActorName = actor.Name,
            ApproverId = approval?.ApproverId,
            ApproverName = approval?.ApproverName,
            Action = frame.Action,
            EntityType = Fit(subject.Item1, 120),
            EntityId = Fit(subject.Item2, 120),
            Before = Serialize(changes.Where(c => c.Before is not null).ToDictionary(c => c.EntityType + ":" + c.EntityId, c => c.Before)),
            After = Serialize(changes.Where(c => c.After is not null).ToDictionary(c => c.EntityType + ":" + c.EntityId, c => c.After)),
            Reason = (command as IDescribedCommand)?.Reason ?? approval?.Reason,
            Ip = actor.Ip,
            UserAgent = actor.UserAgent is { Length: > 512 } ua ? ua[..512] : actor.UserAgent,
            CorrelationId = actor.CorrelationId,
        };
        await AppendAsync(entry, ct);
    }

    /// <summary>Takes the chain's lock, links the entry to the last one and adds it.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        if (db.IsPostgres)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7355608)", ct); // SQLite: the write transaction already serialises
        var last = (await db.ReadAsync("audit.tip", TipSql, r => new Tip(r.GetInt64(0), r.GetString(1)), ct)).FirstOrDefault();
        entry.Sequence = (last?.Sequence ?? 0) + 1;
        entry.PreviousHash = last?.Hash ?? "";
        entry.Hash = entry.HashAfter(entry.PreviousHash);
        await db.InsertAsync(entry, ct);
    }

    private sealed record Tip(long Sequence, string Hash);

    // Runs on every command: a fixed statement rather than a LINQ query (SQLite and PostgreSQL both know LIMIT).
    private static string TipSql(BackOfficeDb db)
    {
        var (table, column) = AppendOnlyInsert.Names<AuditEntry>(db);
        return $"SELECT {column(nameof(AuditEntry.Sequence))}, {column(nameof(AuditEntry.Hash))} FROM {table} ORDER BY {column(nameof(AuditEntry.Sequence))} DESC LIMIT 1";
    }

    private static string? Fit(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;

    // PostgreSQL keeps microseconds; the hash must survive the round trip.
    private static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    private static string? Serialize(Dictionary<string, Dictionary<string, object?>?> values) =>
        values.Count == 0 ? null : JsonSerializer.Serialize(values, Json);
}
