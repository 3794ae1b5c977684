using System.Text;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Infrastructure.Jobs;
using BackOffice.Infrastructure.Sanctions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Kyc.Screening;

/// <summary>The scheduled import reads the lists folder: changed files are imported, unchanged ones skipped, broken ones alerted.</summary>
[Trait("Category", "Database")]
public sealed class ScheduledListImportTests(SharedApp app) : IClassFixture<SharedApp>, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "backoffice-lists-" + Guid.NewGuid().ToString("N"));

    private Task<int> ImportAsync() => ScreeningJobs.ImportFolderAsync(app.Scopes, app.Services.GetRequiredService<IScreeningListReader>(), folder,
        NullLogger.Instance, CancellationToken.None);

    private Task<int> ImportsAsync(string source) => app.Db(db => db.ScreeningImports.CountAsync(i => i.Source == source));

    [Fact]
    public async Task Changed_files_are_imported_unchanged_ones_skipped_and_a_broken_one_alerts_once_leaving_the_list_in_force()
    {
        Directory.CreateDirectory(Path.Combine(folder, "opensanctions"));
        var target = Path.Combine(folder, "opensanctions", "targets.simple.csv");
        var sample = await File.ReadAllTextAsync(SampleLists.OpenSanctionsFile);

        // The demo already imported these very files at start: nothing to do.
        await File.WriteAllTextAsync(target, sample);
        var before = await ImportsAsync(ListEntry.OpenSanctions);
        Assert.Equal(0, await ImportAsync());
        Assert.Equal(before, await ImportsAsync(ListEntry.OpenSanctions));

        // A new edition with one entry fewer is imported as the scheduled import.
        await File.WriteAllTextAsync(target, string.Join('\n', sample.Split('\n').Where(l => !l.StartsWith("NK-demo0003,", StringComparison.Ordinal))));
        Assert.Equal(1, await ImportAsync());
        var last = await app.Db(db => db.ScreeningImports.OrderByDescending(i => i.Id).FirstAsync());
        Assert.Equal(("scheduled import", 1), (last.StartedBy, last.Removed));
        var inForce = await app.Db(db => db.ScreeningEntries.CountAsync(e => e.Source == ListEntry.OpenSanctions && e.RemovedAt == null));

        // A broken file: refused with its line, one alert however often the schedule comes round, the list unchanged.
        await File.WriteAllTextAsync(target, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(sample.Replace("NK-demo0001,Person,Ivan Petrov", "NK-demo0001,Person,\"Ivan Petrov"))));
        Assert.Equal(0, await ImportAsync());
        Assert.Equal(0, await ImportAsync());
        var alert = Assert.Single(await app.Db(db => db.Alerts.Where(a => a.Kind == "kyc.list_import_failed").ToListAsync()));
        Assert.Matches(@"targets\.simple\.csv, line \d+", alert.Message);
        Assert.Equal(inForce, await app.Db(db => db.ScreeningEntries.CountAsync(e => e.Source == ListEntry.OpenSanctions && e.RemovedAt == null)));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
