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
        b.Entity<Compliance.ComplianceEntry>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(12);
            e.Property(x => x.Country).HasMaxLength(2);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Outcome).HasMaxLength(20);
            // A filter reads its segment's rows of one kind in time order (the high-risk clients in client-number order), every
            // column the report needs in the index itself; a command writes a client's rows again, found by client.
            e.HasIndex(x => new { x.Kind, x.ManagerId, x.AccountTypeId, x.Country, x.At, x.Key, x.Code, x.Outcome, x.Until })
                .HasDatabaseName("IX_ComplianceEntries_Segment");
            e.HasIndex(x => x.ClientId);
        });
        // An account manager's clients by country, the id in the index: a list read in time order (the partner report's attributions)
        // tests each row's client for a manager and country without reading the client.
        b.Entity<BackOffice.Core.Accounts.Clients.Client>(e => e.HasIndex(x => new { x.ManagerId, x.Country }));
        b.Entity<Partners.PartnerClientCount>(e =>
        {
            e.Property(x => x.Country).HasMaxLength(2);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            // A filter reads its segment's partners; a command counts a partner again, found by partner.
            e.HasIndex(x => new { x.ManagerId, x.AccountTypeId, x.Country, x.PartnerId }).IsUnique();
            e.HasIndex(x => x.PartnerId);
        });
        b.Entity<Accounts.ClientAccountType>(e =>
        {
            e.HasKey(x => new { x.ClientId, x.AccountTypeId });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            // A type's clients in one status, in the order they came to it; a command writes a client's rows again, found by the key.
            e.HasIndex(x => new { x.AccountTypeId, x.Status, x.StatusChangedAt, x.ClientId });
        });
        b.Entity<Facts.ListEntry>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Country).HasMaxLength(2);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            // A filter reads its segment's rows of one list in time order; a command writes a client's rows again, found by client.
            e.HasIndex(x => new { x.Kind, x.ManagerId, x.AccountTypeId, x.Country, x.At, x.RowId }).HasDatabaseName("IX_ListEntries_Segment");
            e.HasIndex(x => x.ClientId);
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
