using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Common.Pipeline;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Presets;

/// <summary>A filter a staff member saved under a name for one report ("GCC last quarter"): theirs only.</summary>
public sealed class ReportPreset
{
    public long Id { get; set; }
    public string OwnerId { get; set; } = "";
    public ReportKind Report { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The filter as the address bar carries it.</summary>
    public string Query { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

public sealed record ReportPresetRow(long Id, string Name, string Query);

/// <summary>The signed-in staff member's presets for one report.</summary>
[RequiresPermission(Permissions.SignedIn)]
public sealed record MyReportPresets(ReportKind Report) : IBackOfficeQuery<IReadOnlyList<ReportPresetRow>>;

public sealed class MyReportPresetsHandler(BackOfficeDb db, CommandContext context) : IQueryHandler<MyReportPresets, IReadOnlyList<ReportPresetRow>>
{
    public async ValueTask<IReadOnlyList<ReportPresetRow>> Handle(MyReportPresets query, CancellationToken ct) =>
        await db.ReportPresets.AsNoTracking().Where(p => p.OwnerId == context.Actor.StaffId && p.Report == query.Report).OrderBy(p => p.Name)
            .Select(p => new ReportPresetRow(p.Id, p.Name, p.Query)).ToListAsync(ct);
}

/// <summary>Saves the filter under a name. Only a filter that resolves (known values, a range a report answers) is kept.</summary>
[RequiresPermission(Permissions.SignedIn)]
public sealed record SaveReportPreset(ReportKind Report, string Name, ReportFilter Filter) : IBackOfficeCommand<Result<long>>;

[RequiresPermission(Permissions.SignedIn)]
public sealed record DeleteReportPreset(long PresetId) : IBackOfficeCommand<Result>;

public sealed class SaveReportPresetValidator : AbstractValidator<SaveReportPreset>
{
    public SaveReportPresetValidator() => RuleFor(x => x.Name).NotEmpty().WithMessage("Name the preset.").MaximumLength(80);
}

public sealed class ReportPresetHandlers(BackOfficeDb db, Effects effects, CommandContext context, StaffAccess access, ReportScopes scopes, TimeProvider clock) :
    ICommandHandler<SaveReportPreset, Result<long>>, ICommandHandler<DeleteReportPreset, Result>
{
    public async ValueTask<Result<long>> Handle(SaveReportPreset command, CancellationToken ct)
    {
        var definition = ReportCatalogue.Of(command.Report);
        var me = context.Actor.StaffId!;
        if ((await access.GetPermissionsAsync(me, ct))?.Contains(definition.Permission) != true)
            return Error.Forbidden(definition.Permission);
        if ((await scopes.ResolveAsync(command.Report, command.Filter, ReportUse.Screen, ct)).Error is { } invalid)
            return invalid;
        var name = command.Name.Trim();
        if (await db.ReportPresets.AnyAsync(p => p.OwnerId == me && p.Report == command.Report && p.Name == name, ct))
            return Error.Conflict($"You already have a preset called '{name}' for the {definition.Title.ToLowerInvariant()}.");
        var preset = new ReportPreset
        {
            OwnerId = me, Report = command.Report, Name = name, Query = command.Filter.ToQueryString(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ReportPresets.Add(preset);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(ReportPreset), preset.Id.ToString());
        return preset.Id;
    }

    public async ValueTask<Result> Handle(DeleteReportPreset command, CancellationToken ct)
    {
        var preset = await db.ReportPresets.FirstOrDefaultAsync(p => p.Id == command.PresetId && p.OwnerId == context.Actor.StaffId, ct);
        if (preset is null) return Error.NotFound("The preset");
        db.ReportPresets.Remove(preset);
        effects.About(nameof(ReportPreset), preset.Id.ToString());
        return Result.Ok();
    }
}
