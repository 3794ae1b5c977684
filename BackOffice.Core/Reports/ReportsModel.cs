using BackOffice.Core.Reports.Presets;
using BackOffice.Core.Reports.Regions;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports;

internal static class ReportsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<RegionGroup>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(60);
            e.Property(x => x.Countries).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<Compliance.DocumentExpiryCount>(e =>
        {
            e.Property(x => x.Country).HasMaxLength(2);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            // A filter reads its segment's days; the days of one command's changes are found by day.
            e.HasIndex(x => new { x.ManagerId, x.AccountTypeId, x.Country, x.ExpiresOn }).IsUnique();
            e.HasIndex(x => new { x.ExpiresOn, x.ManagerId, x.Country });
        });
        b.Entity<ReportPreset>(e =>
        {
            e.Property(x => x.OwnerId).HasMaxLength(64);
            e.Property(x => x.Report).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(80);
            e.Property(x => x.Query).HasMaxLength(1000);
            e.HasIndex(x => new { x.OwnerId, x.Report, x.Name }).IsUnique();
        });
    }
}
