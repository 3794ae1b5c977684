using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Risk;

/// <summary>A listed country and how many open clients a change to it would score again, by link.</summary>
public sealed record CountryRiskRow(string Code, string Name, CountryRisk Risk, int Residents, int Nationals, int Incorporated);

public sealed record CountryRiskListView(string Source, IReadOnlyList<CountryRiskRow> Countries);

/// <summary>The country risk list as it stands, highest risk first, with the clients linked to each country.</summary>
[RequiresPermission(KycPermissions.Rules)]
public sealed record GetCountryRiskList : IBackOfficeQuery<CountryRiskListView>;

public sealed class GetCountryRiskListHandler(BackOfficeDb db) : IQueryHandler<GetCountryRiskList, CountryRiskListView>
{
    public async ValueTask<CountryRiskListView> Handle(GetCountryRiskList query, CancellationToken ct)
    {
        var list = await CountryRisks.LoadAsync(db, ct);
        var codes = list.Countries.Select(c => c.Code).ToList();
        var open = db.Clients.AsNoTracking().Where(c => c.Status != ClientStatus.Closed);
        var individuals = open.Where(c => c.Kind == ClientKind.Individual);
        var residents = await CountAsync(individuals.Where(c => codes.Contains(c.Country)).GroupBy(c => c.Country), ct);
        var nationals = await CountAsync(individuals.Where(c => codes.Contains(c.Nationality!)).GroupBy(c => c.Nationality!), ct);
        var incorporated = await CountAsync(open.Where(c => c.Kind == ClientKind.Corporate)
            .Select(c => c.CountryOfIncorporation ?? c.Country).Where(c => codes.Contains(c)).GroupBy(c => c), ct);
        return new CountryRiskListView(list.Source, [.. list.Countries.Select(c => new CountryRiskRow(c.Code, c.Name, c.Risk,
            residents.GetValueOrDefault(c.Code), nationals.GetValueOrDefault(c.Code), incorporated.GetValueOrDefault(c.Code)))]);
    }

    private static Task<Dictionary<string, int>> CountAsync<T>(IQueryable<IGrouping<string, T>> groups, CancellationToken ct) =>
        groups.Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
}
