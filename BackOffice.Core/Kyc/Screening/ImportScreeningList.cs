using System.Security.Cryptography;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Screening;

public sealed record ListImportSummary(long ImportId, int Entries, int Added, int Changed, int Removed, int HitsWithdrawn, bool ScreeningStarted);

/// <summary>
/// Replaces one list source (OFAC SDN, OpenSanctions) with the uploaded files. A file that does not read is
/// refused with its line number and the list in force stays as it was. The new and changed entries are then
/// screened against every client in steps (<see cref="RescreenAfterImport"/>); open hits on entries that left
/// the list are withdrawn.
/// </summary>
[RequiresPermission(KycPermissions.Lists)]
public sealed record ImportScreeningList(string Source, IReadOnlyList<ListFile> Files) : IBackOfficeCommand<Result<ListImportSummary>>, IDescribedCommand
{
    public string Describe() => $"Import the {Source} list from {string.Join(", ", Files.Select(f => f.Name))}";

    public string? Reason => null;
}

/// <summary>The scheduled import of the files found in the configured lists folder.</summary>
[SystemCommand]
public sealed record ImportScreeningListFromFolder(string Source, IReadOnlyList<ListFile> Files) : IBackOfficeCommand<Result<ListImportSummary>>;

/// <summary>
/// The scheduled import found files it could not import: compliance is alerted once per distinct problem, since
/// screening goes on against an older list until someone fixes the files.
/// </summary>
[SystemCommand]
public sealed record ReportListImportFailure(string Source, string Problem) : IBackOfficeCommand<Result>;

public sealed class ReportListImportFailureHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<ReportListImportFailure, Result>
{
    public async ValueTask<Result> Handle(ReportListImportFailure command, CancellationToken ct)
    {
        var message = $"The scheduled import of the {ScreeningHitHandlers.ListName(command.Source)} list failed: {command.Problem}";
        if (message.Length > 1000) message = message[..1000];
        if (await db.Alerts.AnyAsync(a => a.Kind == Operations.AlertKinds.ListImportFailed && a.Message == message
                                          && a.Status != Operations.AlertStatus.Resolved, ct))
            return Result.Ok();
        Operations.AlertKinds.Raise(db, effects, clock.GetUtcNow().UtcDateTime, Operations.AlertKinds.ListImportFailed, Operations.AlertSeverity.Warning,
            message, nameof(ScreeningImport), command.Source);
        return Result.Ok();
    }
}

public sealed class ImportScreeningListValidator : AbstractValidator<ImportScreeningList>
{
    public ImportScreeningListValidator(IScreeningListReader reader) => ListFilesRules.Apply(this, reader, x => x.Source, x => x.Files);
}

public sealed class ImportScreeningListFromFolderValidator : AbstractValidator<ImportScreeningListFromFolder>
{
    public ImportScreeningListFromFolderValidator(IScreeningListReader reader) => ListFilesRules.Apply(this, reader, x => x.Source, x => x.Files);
}

internal static class ListFilesRules
{
    public static void Apply<T>(AbstractValidator<T> v, IScreeningListReader reader, System.Linq.Expressions.Expression<Func<T, string>> source,
        System.Linq.Expressions.Expression<Func<T, IReadOnlyList<ListFile>>> files)
    {
        v.RuleFor(source).Must(s => reader.Sources.Any(x => x.Code == s))
            .WithMessage(_ => $"Choose the list: {string.Join(" or ", reader.Sources.Select(s => s.Name))}.");
        v.RuleFor(files).NotEmpty().WithMessage("Choose the list's files.");
        var sourceOf = source.Compile();
        var filesOf = files.Compile();
        v.RuleFor(x => x).Custom((command, context) =>
        {
            var code = sourceOf(command);
            var given = filesOf(command) ?? [];
            if (reader.Sources.FirstOrDefault(s => s.Code == code) is not { } info || given.Count == 0) return;
            foreach (var file in given)
            {
                if (!info.Files.Contains(file.Name, StringComparer.OrdinalIgnoreCase))
                    context.AddFailure("Files", $"{file.Name} is not a file of the {info.Name} list; expected {string.Join(", ", info.Files)}.");
                else if (file.Content.Length == 0)
                    context.AddFailure("Files", $"{file.Name} is empty.");
            }
            if (!given.Any(f => string.Equals(f.Name, info.Files[0], StringComparison.OrdinalIgnoreCase)))
                context.AddFailure("Files", $"The {info.Name} list needs {info.Files[0]}.");
            if (given.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
                context.AddFailure("Files", "The same file was given twice.");
        });
    }
}

public sealed class ImportScreeningListHandler(BackOfficeDb db, Effects effects, CommandContext context, IScreeningListReader reader, TimeProvider clock)
    : ICommandHandler<ImportScreeningList, Result<ListImportSummary>>, ICommandHandler<ImportScreeningListFromFolder, Result<ListImportSummary>>
{
    public async ValueTask<Result<ListImportSummary>> Handle(ImportScreeningList command, CancellationToken ct) =>
        await ImportAsync(command.Source, command.Files, await StaffNames.DisplayNameAsync(db, context.Actor, ct), ct);

    public ValueTask<Result<ListImportSummary>> Handle(ImportScreeningListFromFolder command, CancellationToken ct) =>
        new(ImportAsync(command.Source, command.Files, "scheduled import", ct));

    private async Task<Result<ListImportSummary>> ImportAsync(string source, IReadOnlyList<ListFile> files, string startedBy, CancellationToken ct)
    {
        var parsed = reader.Read(source, files);
        if (!parsed.Succeeded)
            return Error.Rule("screening.list_malformed", $"{parsed.Error}. Nothing was imported; the list in force is unchanged.");
        var entries = parsed.Entries.Where(e => e.Source == source).ToList();
        if (entries.Count == 0)
            return Error.Rule("screening.list_empty", "The files hold no list entries. Nothing was imported; the list in force is unchanged.");

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.ScreeningEntries.Where(e => e.Source == source).ToDictionaryAsync(e => e.ExternalId, StringComparer.Ordinal, ct);
        var changes = ListChanges.Between(rows.Values.Where(r => r.RemovedAt == null).ToDictionary(r => r.Key, r => r.ContentHash, StringComparer.Ordinal),
            entries);

        var import = new ScreeningImport
        {
            Source = source,
            Files = string.Join(", ", files.Select(f => $"{f.Name} ({Size(f.Content.Length)})")),
            FilesSha256 = FilesHash(files),
            StartedBy = startedBy,
            StartedAt = now,
            Entries = entries.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count(),
            Added = changes.Added.Count,
            Changed = changes.Changed.Count,
            Removed = changes.RemovedKeys.Count,
            ClientsToScreen = await db.Clients.CountAsync(c => c.Status != Accounts.Lifecycle.ClientStatus.Closed, ct),
        };
        import.Status = import.ScreensAnything && import.ClientsToScreen > 0 ? ScreeningImportStatus.Screening : ScreeningImportStatus.Completed;
        if (import.Status == ScreeningImportStatus.Completed) import.FinishedAt = now;
        db.ScreeningImports.Add(import);
        await db.SaveChangesAsync(ct);

        foreach (var entry in changes.ToScreen)
        {
            if (!rows.TryGetValue(entry.ExternalId, out var row))
            {
                row = new ScreeningListEntry { AddedAt = now };
                db.ScreeningEntries.Add(row);
            }
            row.Apply(entry, import.Id, now);
        }
        var removedIds = new List<long>();
        foreach (var key in changes.RemovedKeys)
        {
            var row = rows[key[(source.Length + 1)..]];
            row.RemovedAt = now;
            removedIds.Add(row.Id);
        }
        var withdrawn = await WithdrawHitsOnAsync(removedIds, now, ct);
        if (withdrawn.Error is { } refused) return refused;

        effects.About(nameof(ScreeningImport), import.Id.ToString());
        effects.Publish("kyc.screening_list_imported", new
        {
            importId = import.Id, source, entries = import.Entries, added = import.Added, changed = import.Changed, removed = import.Removed,
        });
        return new ListImportSummary(import.Id, import.Entries, import.Added, import.Changed, import.Removed, withdrawn.Value,
            import.Status == ScreeningImportStatus.Screening);
    }

    /// <summary>Open hits on entries that left the list are no longer possible matches; the clients' risk is scored again.</summary>
    private async Task<Result<int>> WithdrawHitsOnAsync(List<long> entryIds, DateTime now, CancellationToken ct)
    {
        if (entryIds.Count == 0) return 0;
        var open = await db.ScreeningHits.Where(h => entryIds.Contains(h.EntryId) && h.Status == ScreeningHitStatus.Open).ToListAsync(ct);
        foreach (var hit in open)
            ClientScreener.Withdraw(hit, "the entry left the list", now);
        if (open.Count == 0) return 0;
        await db.SaveChangesAsync(ct);
        effects.Touch(KycCounters.ScreeningHits);
        foreach (var clientId in open.Select(h => h.ClientId).Distinct())
        {
            var client = await db.Clients.FirstAsync(c => c.Id == clientId, ct);
            if (await Risk.KycRisk.RecomputeAsync(db, effects, client, "screening hit withdrawn: the entry left the list", now, ct) is { } refused)
                return refused;
        }
        return open.Count;
    }

    private static string FilesHash(IReadOnlyList<ListFile> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(file.Name.ToUpperInvariant() + "\n"));
            sha.AppendData(file.Content);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Size(long bytes) => bytes < 1024 * 1024 ? $"{Math.Max(1, bytes / 1024)} KB" : $"{bytes / 1024.0 / 1024.0:0.0} MB";

    public static string HashOf(IReadOnlyList<ListFile> files) => FilesHash(files);
}
