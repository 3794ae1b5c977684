using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Risk;

/// <summary>
/// One country on the risk list as compliance keeps it (table <c>CountryRisks</c>). A country not listed is standard
/// risk, so putting a country back to standard removes its row. Seeded from <see cref="CountryRiskList.Fatf"/>;
/// changed only through <see cref="SetCountryRisk"/>.
/// </summary>
public sealed class CountryRiskEntry : IVersioned
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public CountryRisk Risk { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// Which publication the list follows ("FATF public statements of 24 October 2025"), quoted in every risk
/// explanation and alert. One row (<see cref="SingleId"/>); changed only through <see cref="SetCountryRiskEdition"/>.
/// </summary>
public sealed class CountryRiskEdition : IVersioned
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;
    public string Source { get; set; } = "";
    public long Version { get; set; }
}

public static class CountryRisks
{
    /// <summary>The list as compliance set it in the database; the built-in FATF list until the database holds one.</summary>
    public static async Task<CountryRiskList> LoadAsync(BackOfficeDb db, CancellationToken ct)
    {
        var edition = await db.CountryRiskEditions.AsNoTracking().FirstOrDefaultAsync(ct);
        if (edition is null) return CountryRiskList.Fatf;
        var rows = await db.CountryRisks.AsNoTracking().ToListAsync(ct);
        return new CountryRiskList(edition.Source, [.. rows.OrderByDescending(r => r.Risk).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new ListedCountry(r.Code, r.Name, r.Risk))]);
    }

    /// <summary>
    /// The stored edition, storing the built-in FATF list first when the database holds none yet: from its first
    /// change on, the whole list (edition and countries) lives in the database. Seeding uses it too.
    /// </summary>
    public static async Task<CountryRiskEdition> StoredEditionAsync(BackOfficeDb db, CancellationToken ct)
    {
        if (await db.CountryRiskEditions.FirstOrDefaultAsync(ct) is { } stored) return stored;
        var edition = new CountryRiskEdition { Source = CountryRiskList.Fatf.Source };
        db.CountryRiskEditions.Add(edition);
        var listed = await db.CountryRisks.Select(c => c.Code).ToListAsync(ct);
        db.CountryRisks.AddRange(CountryRiskList.Fatf.Countries.Where(c => !listed.Contains(c.Code))
            .Select(c => new CountryRiskEntry { Code = c.Code, Name = c.Name, Risk = c.Risk }));
        await db.SaveChangesAsync(ct);
        return edition;
    }

    /// <summary>
    /// The name of a country compliance may list: one the broker onboards (residence, nationality, incorporation)
    /// or one FATF lists (logins come from anywhere). Null for a code neither knows.
    /// </summary>
    public static string? NameOf(string? code) => Accounts.Countries.Find(code)?.Name ?? CountryRiskList.Fatf.Find(code)?.Name;

    /// <summary>Every country that can be put on the list, by name.</summary>
    public static IReadOnlyList<(string Code, string Name)> Listable { get; } =
        [.. Accounts.Countries.All.Select(c => (c.Code, c.Name))
            .Concat(CountryRiskList.Fatf.Countries.Where(f => !Accounts.Countries.Exists(f.Code)).Select(f => (f.Code, f.Name)))
            .OrderBy(c => c.Item2, StringComparer.CurrentCulture)];

    public static string Describe(this CountryRisk risk) => risk switch
    {
        CountryRisk.HighRisk => "High risk (call for action)",
        CountryRisk.IncreasedMonitoring => "Increased monitoring",
        _ => "Standard",
    };
}
