using BackOffice.Core.Common;
using BackOffice.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Excel;

/// <summary>One background export: how far it got, and the file once written (or the sentence saying why not).</summary>
public sealed class ReportExportJob(Guid id, string ownerId, ReportKind kind, string query, DateTime startedAt)
{
    public Guid Id { get; } = id;
    public string OwnerId { get; } = ownerId;
    public ReportKind Kind { get; } = kind;
    public string Query { get; } = query;
    public DateTime StartedAt { get; } = startedAt;

    /// <summary>0..1.</summary>
    public double Progress { get; internal set; }

    public bool Finished { get; internal set; }
    public string? Error { get; internal set; }
    public string? FilePath { get; internal set; }

    public string FileName => $"{ReportCatalogue.Of(Kind).Slug}-report-{StartedAt:yyyyMMdd-HHmm}.xlsx";
    public bool Succeeded => Finished && Error is null;
}

/// <summary>
/// Report exports too long for a request (a range past the live maximum): run in the background as the staff member who
/// asked, through the same report query with the export's longer range, written by the export service to a file the same
/// person downloads. The same export asked for again while it runs is the same job, not a second one.
/// </summary>
public sealed class ReportExports(IServiceScopeFactory scopes, ExportService export, TimeProvider clock, ILogger<ReportExports> log)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReportExportJob> _running = [];
    private readonly Dictionary<Guid, ReportExportJob> _jobs = [];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "backoffice-report-exports", Guid.NewGuid().ToString("N")[..8]);

    public ReportExportJob Start(ReportKind kind, ReportFilter filter, Actor actor)
    {
        var query = filter.ToQueryString();
        var key = $"{actor.StaffId}|{kind}|{query}";
        ReportExportJob job;
        lock (_gate)
        {
            if (_running.TryGetValue(key, out var running)) return running;
            job = new ReportExportJob(Guid.NewGuid(), actor.StaffId ?? "", kind, query, clock.GetUtcNow().UtcDateTime);
            _running[key] = job;
            _jobs[job.Id] = job;
        }
        _ = Task.Run(() => RunAsync(job, key, filter, actor));
        return job;
    }

    /// <summary>A job of this staff member's; nobody else's export is theirs to see or download.</summary>
    public ReportExportJob? Find(Guid id, string? ownerId)
    {
        lock (_gate) return _jobs.TryGetValue(id, out var job) && job.OwnerId == ownerId ? job : null;
    }

    public int RunningCount
    {
        get
        {
            lock (_gate) return _running.Count;
        }
    }

    private async Task RunAsync(ReportExportJob job, string key, ReportFilter filter, Actor actor)
    {
        try
        {
            var definition = ReportCatalogue.Of(job.Kind);
            var result = await scopes.QueryAsAsync(definition.Query(filter, ReportUse.Background), actor with { CorrelationId = Actor.NewCorrelationId() });
            if (result.Error is { } error)
            {
                job.Error = error.Message;
                return;
            }
            job.Progress = 0.1;
            Directory.CreateDirectory(_folder);
            var path = Path.Combine(_folder, job.Id.ToString("N") + ".xlsx");
            await using (var file = File.Create(path))
                await export.WriteReportAsync(file, result.Value!, new Progress(job), CancellationToken.None);
            job.FilePath = path;
            job.Progress = 1;
        }
        catch (AccessDeniedException denied)
        {
            job.Error = $"You do not have the permission '{denied.Permission}' this report needs.";
        }
        catch (Exception e)
        {
            log.LogError(e, "Report export {JobId} ({Kind}) failed [{CorrelationId}]", job.Id, job.Kind, actor.CorrelationId);
            job.Error = $"The export failed; the log has the details (reference {actor.CorrelationId}).";
        }
        finally
        {
            job.Finished = true;
            lock (_gate) _running.Remove(key);
        }
    }

    /// <summary>Writing is the last 90 % of the job; the query before it the first 10 %.</summary>
    private sealed class Progress(ReportExportJob job) : IProgress<double>
    {
        public void Report(double value) => job.Progress = 0.1 + 0.9 * Math.Clamp(value, 0, 1);
    }
}
