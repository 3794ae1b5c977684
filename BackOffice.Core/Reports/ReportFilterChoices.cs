using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Common.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports;

public sealed record StaffChoice(string UserName, string DisplayName);

/// <summary>What the report filter bar offers: account types, region groups and staff, by the names the address bar carries.</summary>
public sealed record ReportFilterChoicesList(IReadOnlyList<string> AccountTypes, IReadOnlyList<string> RegionGroups, IReadOnlyList<StaffChoice> Staff);

[RequiresPermission(Permissions.SignedIn)]
public sealed record ReportFilterChoices : IBackOfficeQuery<ReportFilterChoicesList>;

public sealed class ReportFilterChoicesHandler(BackOfficeDb db) : IQueryHandler<ReportFilterChoices, ReportFilterChoicesList>
{
    public async ValueTask<ReportFilterChoicesList> Handle(ReportFilterChoices query, CancellationToken ct) => new(
        await db.AccountTypes.AsNoTracking().Where(t => !t.IsDemo).OrderBy(t => t.Id).Select(t => t.Name).ToListAsync(ct),
        await db.RegionGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(ct),
        await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new StaffChoice(u.UserName!, u.DisplayName)).ToListAsync(ct));
}
