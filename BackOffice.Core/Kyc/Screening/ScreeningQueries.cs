using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Screening.Matching;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Screening;

public sealed record ScreeningHitRow(
    long Id, long ClientId, long ClientNumber, string ClientName, long? PartyId, string SubjectName, DateOnly? SubjectBirthDate, string? SubjectCountry,
    long EntryId, string Source, string ExternalId, string EntryName, EntryKind EntryKind, bool EntryIsPep, string Programs,
    IReadOnlyList<string> EntryAliases, IReadOnlyList<string> EntryBirthDates, IReadOnlyList<string> EntryCountries, bool EntryRemoved,
    double Score, double NameScore, string MatchedName, MatchedFields Matched, MatchedFields Contradicted,
    string Trigger, DateTime RaisedAt, ScreeningHitStatus Status, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, long? AmlAlertId)
{
    public string ListName => ScreeningHitHandlers.ListName(Source);
}

public enum HitListKind
{
    All,
    Sanctions,
    Pep,
}

/// <summary>Screening hits: the open ones best score first, or the decided ones newest first.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record ScreeningHitsQueue(bool Decided = false, HitListKind Kind = HitListKind.All, string? Source = null, long? ClientId = null,
    int Skip = 0, int Take = 50) : IBackOfficeQuery<Page<ScreeningHitRow>>;

public sealed class ScreeningHitsQueueHandler(BackOfficeDb db) : IQueryHandler<ScreeningHitsQueue, Page<ScreeningHitRow>>
{
    public async ValueTask<Page<ScreeningHitRow>> Handle(ScreeningHitsQueue query, CancellationToken ct)
    {
        var hits = db.ScreeningHits.AsNoTracking();
        if (query.ClientId is { } clientId) hits = hits.Where(h => h.ClientId == clientId);
        else hits = query.Decided ? hits.Where(h => h.Status != ScreeningHitStatus.Open) : hits.Where(h => h.Status == ScreeningHitStatus.Open);
        if (query.Kind == HitListKind.Pep) hits = hits.Where(h => h.EntryIsPep);
        if (query.Kind == HitListKind.Sanctions) hits = hits.Where(h => !h.EntryIsPep);
        var rows = from h in hits
                   join e in db.ScreeningEntries.AsNoTracking() on h.EntryId equals e.Id
                   join c in db.Clients.AsNoTracking() on h.ClientId equals c.Id
                   select new { h, e, c.Number, c.DisplayName };
        if (query.Source is { Length: > 0 } source) rows = rows.Where(r => r.e.Source == source);
        var total = await rows.CountAsync(ct);
        var ordered = query.ClientId is not null || query.Decided
            ? rows.OrderByDescending(r => r.h.RaisedAt).ThenByDescending(r => r.h.Id)
            : rows.OrderByDescending(r => r.h.Score).ThenBy(r => r.h.RaisedAt).ThenBy(r => r.h.Id);
        var page = await ordered.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(ct);
        return new Page<ScreeningHitRow>([.. page.Select(r => Row(r.h, r.e, r.Number, r.DisplayName))], total);
    }

    internal static ScreeningHitRow Row(ScreeningHitRecord h, ScreeningListEntry e, long number, string clientName)
    {
        var entry = e.ToEntry();
        return new ScreeningHitRow(h.Id, h.ClientId, number, clientName, h.PartyId, h.SubjectName, h.SubjectBirthDate, h.SubjectCountry,
            e.Id, e.Source, e.ExternalId, e.Name, e.Kind, e.IsPep, e.Programs, entry.Aliases, entry.BirthDates, entry.Countries, e.RemovedAt is not null,
            h.Score, h.NameScore, h.MatchedName, h.Matched, h.Contradicted, h.Trigger, h.RaisedAt, h.Status, h.DecidedBy, h.DecidedAt, h.DecisionNote,
            h.AmlAlertId);
    }
}

public sealed record ListSourceRow(string Code, string Name, IReadOnlyList<string> Files, int Entries, int Peps, int Removed, ScreeningImport? LastImport);

public sealed record ScreeningListsOverviewResult(IReadOnlyList<ListSourceRow> Sources, IReadOnlyList<ScreeningImport> Imports, int OpenHits,
    string ListsFolder, double ImportEveryHours);

/// <summary>The lists in force, each source's last import, and the latest imports with their re-screening progress.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record ScreeningListsOverview(int Take = 20) : IBackOfficeQuery<ScreeningListsOverviewResult>;

public sealed class ScreeningListsOverviewHandler(BackOfficeDb db, IScreeningListReader reader, Microsoft.Extensions.Options.IOptions<ScreeningOptions> options)
    : IQueryHandler<ScreeningListsOverview, ScreeningListsOverviewResult>
{
    public async ValueTask<ScreeningListsOverviewResult> Handle(ScreeningListsOverview query, CancellationToken ct)
    {
        var counts = await db.ScreeningEntries.AsNoTracking().GroupBy(e => e.Source)
            .Select(g => new
            {
                Source = g.Key,
                Entries = g.Count(e => e.RemovedAt == null),
                Peps = g.Count(e => e.RemovedAt == null && e.IsPep),
                Removed = g.Count(e => e.RemovedAt != null),
            }).ToListAsync(ct);
        var imports = await db.ScreeningImports.AsNoTracking().OrderByDescending(i => i.Id).Take(Math.Clamp(query.Take, 1, 200)).ToListAsync(ct);
        var sources = new List<ListSourceRow>();
        foreach (var s in reader.Sources)
        {
            var c = counts.FirstOrDefault(x => x.Source == s.Code);
            var last = imports.FirstOrDefault(i => i.Source == s.Code)
                       ?? await db.ScreeningImports.AsNoTracking().Where(i => i.Source == s.Code).OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);
            sources.Add(new ListSourceRow(s.Code, s.Name, s.Files, c?.Entries ?? 0, c?.Peps ?? 0, c?.Removed ?? 0, last));
        }
        var open = await db.ScreeningHits.CountAsync(h => h.Status == ScreeningHitStatus.Open, ct);
        return new ScreeningListsOverviewResult(sources, imports, open, options.Value.ListsFolder, options.Value.ImportEveryHours);
    }
}

/// <summary>The last import of a source (the scheduled import compares its files with it).</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record LastListImport(string Source) : IBackOfficeQuery<ScreeningImport?>;

public sealed class LastListImportHandler(BackOfficeDb db) : IQueryHandler<LastListImport, ScreeningImport?>
{
    public async ValueTask<ScreeningImport?> Handle(LastListImport query, CancellationToken ct) =>
        await db.ScreeningImports.AsNoTracking().Where(i => i.Source == query.Source).OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);
}
