using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Infrastructure.Sanctions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Jobs;

/// <summary>
/// Screens the book after every list import, a committed step at a time (a restart resumes where it stopped),
/// and reads the configured lists folder on a schedule, importing a source whose files changed.
/// </summary>
public sealed class ScreeningJobs(IServiceScopeFactory scopes, IScreeningListReader reader, IOptions<ScreeningOptions> options, TimeProvider clock,
    ILogger<ScreeningJobs> log) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextImport = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (options.Value.ImportEveryHours > 0 && clock.GetUtcNow() >= nextImport)
                {
                    await ImportFolderAsync(scopes, reader, options.Value.ListsFolder, log, stoppingToken);
                    nextImport = clock.GetUtcNow().AddHours(options.Value.ImportEveryHours);
                }
                var screened = await ScreeningRescreen.RunAsync(scopes, stoppingToken);
                if (screened > 0) log.LogInformation("Screening: {Clients} clients screened against list changes", screened);
                await Task.Delay(Poll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Screening job failed");
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
        }
    }

    /// <summary>Imports each source in the folder whose files differ from the last import of that source.</summary>
    public static async Task<int> ImportFolderAsync(IServiceScopeFactory scopes, IScreeningListReader reader, string folder, ILogger log,
        CancellationToken ct)
    {
        if (!Directory.Exists(folder)) return 0;
        var imported = 0;
        foreach (var (source, files) in ListFolder.Read(folder, reader))
        {
            var last = await scopes.QueryAsAsync(new LastListImport(source), Actor.System("screening"), ct);
            if (last is not null && last.FilesSha256 == ImportScreeningListHandler.HashOf(files)) continue;
            var result = await scopes.SendAsAsync(new ImportScreeningListFromFolder(source, files), Actor.System("screening"), ct);
            if (result.Succeeded)
            {
                imported++;
                log.LogInformation("Screening list {Source} imported from {Folder}: {Entries} entries, {Added} added, {Changed} changed, {Removed} removed",
                    source, folder, result.Value!.Entries, result.Value.Added, result.Value.Changed, result.Value.Removed);
            }
            else
            {
                log.LogWarning("Screening list {Source} in {Folder} was not imported: {Error}", source, folder, result.Error!.Message);
                var problem = result.Error.Fields is { Count: > 0 } fields ? string.Join(" ", fields.Values.SelectMany(v => v)) : result.Error.Message;
                await scopes.SendAsAsync(new ReportListImportFailure(source, problem), Actor.System("screening"), ct);
            }
        }
        return imported;
    }
}
