using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Common.Pipeline;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Regions;

/// <summary>A set of countries reports can be filtered by as one ("GCC", "DACH", "EU desk"), defined by an administrator.</summary>
public sealed class RegionGroup : IVersioned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>ISO-2 codes, comma separated, sorted.</summary>
    public string Countries { get; set; } = "";

    public long Version { get; set; }

    public IReadOnlyList<string> CountryCodes => Countries.Length == 0 ? [] : Countries.Split(',');
}

public sealed record RegionGroupRow(int Id, string Name, IReadOnlyList<string> Countries);

/// <summary>Every region group; any signed-in staff member may read them (the report filter bar lists them).</summary>
[RequiresPermission(Permissions.SignedIn)]
public sealed record RegionGroupList : IBackOfficeQuery<IReadOnlyList<RegionGroupRow>>;

public sealed class RegionGroupListHandler(BackOfficeDb db) : IQueryHandler<RegionGroupList, IReadOnlyList<RegionGroupRow>>
{
    public async ValueTask<IReadOnlyList<RegionGroupRow>> Handle(RegionGroupList query, CancellationToken ct) =>
        (await db.RegionGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct)).Select(g => new RegionGroupRow(g.Id, g.Name, g.CountryCodes)).ToList();
}

[RequiresPermission(ReportsPermissions.RegionGroups)]
public sealed record CreateRegionGroup(string Name, IReadOnlyList<string> Countries) : IBackOfficeCommand<Result<int>>;

[RequiresPermission(ReportsPermissions.RegionGroups)]
public sealed record ChangeRegionGroupCountries(int GroupId, IReadOnlyList<string> Countries) : IBackOfficeCommand<Result>;

[RequiresPermission(ReportsPermissions.RegionGroups)]
public sealed record RemoveRegionGroup(int GroupId) : IBackOfficeCommand<Result>;

/// <summary>The countries of a group: at least one, each a country code we know.</summary>
internal static class GroupCountries
{
    public static IRuleBuilderOptions<T, IReadOnlyList<string>> Rules<T>(IRuleBuilder<T, IReadOnlyList<string>> rule) => rule
        .NotEmpty().WithMessage("Choose at least one country.")
        .Must(cs => cs.All(Core.Accounts.Countries.Exists))
        .WithMessage((_, cs) => $"Not a country code we know: {string.Join(", ", cs.Where(c => !Core.Accounts.Countries.Exists(c)))}.");

    public static string Join(IEnumerable<string> codes) =>
        string.Join(",", codes.Select(c => Core.Accounts.Countries.Find(c)!.Code).Distinct().Order(StringComparer.Ordinal));
}

public sealed class CreateRegionGroupValidator : AbstractValidator<CreateRegionGroup>
{
    public CreateRegionGroupValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the group.").MaximumLength(60);
        GroupCountries.Rules(RuleFor(x => x.Countries));
    }
}

public sealed class ChangeRegionGroupCountriesValidator : AbstractValidator<ChangeRegionGroupCountries>
{
    public ChangeRegionGroupCountriesValidator() => GroupCountries.Rules(RuleFor(x => x.Countries));
}

public sealed class RegionGroupHandlers(BackOfficeDb db, Effects effects) :
    ICommandHandler<CreateRegionGroup, Result<int>>, ICommandHandler<ChangeRegionGroupCountries, Result>, ICommandHandler<RemoveRegionGroup, Result>
{
    public async ValueTask<Result<int>> Handle(CreateRegionGroup command, CancellationToken ct)
    {
        var name = command.Name.Trim();
        var names = await db.RegionGroups.Select(g => g.Name).ToListAsync(ct);
        if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            return Error.Conflict($"There is already a region group called '{name}'.");
        var group = new RegionGroup { Name = name, Countries = GroupCountries.Join(command.Countries) };
        db.RegionGroups.Add(group);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(RegionGroup), group.Id.ToString());
        return group.Id;
    }

    public async ValueTask<Result> Handle(ChangeRegionGroupCountries command, CancellationToken ct)
    {
        var group = await db.RegionGroups.FindAsync([command.GroupId], ct);
        if (group is null) return Error.NotFound("The region group");
        group.Countries = GroupCountries.Join(command.Countries);
        effects.About(nameof(RegionGroup), group.Id.ToString());
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(RemoveRegionGroup command, CancellationToken ct)
    {
        var group = await db.RegionGroups.FindAsync([command.GroupId], ct);
        if (group is null) return Error.NotFound("The region group");
        db.RegionGroups.Remove(group);
        effects.About(nameof(RegionGroup), group.Id.ToString());
        return Result.Ok();
    }
}
