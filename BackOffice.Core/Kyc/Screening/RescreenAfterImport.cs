using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Kyc.Screening;

public sealed record RescreenStep(int Screened, int Raised, bool Finished);

/// <summary>
/// One committed step of screening the book after a list import: the next clients (by id) against the entries
/// that import added or changed. The import's row keeps the progress, so a restart resumes where it stopped.
/// </summary>
[SystemCommand]
public sealed record RescreenAfterImport(long ImportId) : IBackOfficeCommand<Result<RescreenStep>>;

public sealed class RescreenAfterImportHandler(BackOfficeDb db, Effects effects, ClientScreener screener, ScreeningLists lists,
    IOptions<ScreeningOptions> options, TimeProvider clock) : ICommandHandler<RescreenAfterImport, Result<RescreenStep>>
{
    public async ValueTask<Result<RescreenStep>> Handle(RescreenAfterImport command, CancellationToken ct)
    {
        var import = await db.ScreeningImports.FirstOrDefaultAsync(i => i.Id == command.ImportId, ct);
        if (import is null) return Error.NotFound("The list import");
        if (import.Status == ScreeningImportStatus.Completed) return new RescreenStep(0, 0, true);
        var now = clock.GetUtcNow().UtcDateTime;
        effects.About(nameof(ScreeningImport), import.Id.ToString());

        var clients = await db.Clients.Where(c => c.Id > import.ScreenedThroughClientId && c.Status != ClientStatus.Closed)
            .OrderBy(c => c.Id).Take(Math.Clamp(options.Value.RescreenBatchSize, 1, 10_000)).ToListAsync(ct);
        if (clients.Count == 0)
        {
            import.Status = ScreeningImportStatus.Completed;
            import.FinishedAt = now;
            effects.Publish("kyc.screening_completed", new { importId = import.Id, source = import.Source, clients = import.ClientsScreened, hits = import.HitsRaised });
            return new RescreenStep(0, 0, true);
        }

        var changed = await lists.ChangedByAsync(db, import.Id, ct);
        var (outcome, touched) = await screener.ScreenBatchAsync(clients, changed, $"list import {import.Id} ({import.Source})", now, ct);
        foreach (var client in touched)
            if (await Risk.KycRisk.RecomputeAsync(db, effects, client, "screening against the updated list", now, ct) is { } refused)
                return refused;
        import.ClientsScreened += clients.Count;
        import.ScreenedThroughClientId = clients[^1].Id;
        import.HitsRaised += outcome.Raised;
        return new RescreenStep(clients.Count, outcome.Raised, false);
    }
}

/// <summary>Runs every unfinished re-screen to its end, one committed step at a time (the background job, demo seeding, tests).</summary>
public static class ScreeningRescreen
{
    public static async Task<int> RunAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        var screened = 0;
        while (!ct.IsCancellationRequested)
        {
            var pending = await scopes.QueryAsAsync(new PendingRescreens(), Actor.System("screening"), ct);
            if (pending.Count == 0) return screened;
            foreach (var importId in pending)
            {
                while (!ct.IsCancellationRequested)
                {
                    var step = await scopes.SendAsAsync(new RescreenAfterImport(importId), Actor.System("screening"), ct);
                    if (!step.Succeeded)
                    {
                        // A concurrent step (another node) moved the progress: try again from where it now stands.
                        if (step.Error!.Code == "conflict") continue;
                        throw new InvalidOperationException($"Re-screening after list import {importId} failed: {step.Error.Message}");
                    }
                    screened += step.Value!.Screened;
                    if (step.Value.Finished) break;
                }
            }
        }
        return screened;
    }
}

/// <summary>Imports whose re-screen has not finished, oldest first.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record PendingRescreens : IBackOfficeQuery<IReadOnlyList<long>>;

public sealed class PendingRescreensHandler(BackOfficeDb db) : IQueryHandler<PendingRescreens, IReadOnlyList<long>>
{
    public async ValueTask<IReadOnlyList<long>> Handle(PendingRescreens query, CancellationToken ct) =>
        await db.ScreeningImports.AsNoTracking().Where(i => i.Status == ScreeningImportStatus.Screening).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
}
