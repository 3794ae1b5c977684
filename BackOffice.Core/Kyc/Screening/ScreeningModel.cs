using BackOffice.Core.Accounts.Clients;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Screening;

/// <summary>How the screening tables look: entries by source and id, hits by client and by status.</summary>
internal static class ScreeningModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ScreeningListEntry>(e =>
        {
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.ExternalId).HasMaxLength(100);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(400);
            e.Property(x => x.Aliases).HasMaxLength(8000);
            e.Property(x => x.BirthDates).HasMaxLength(400);
            e.Property(x => x.Countries).HasMaxLength(400);
            e.Property(x => x.Programs).HasMaxLength(1000);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Ignore(x => x.Key);
            e.HasIndex(x => new { x.Source, x.ExternalId }).IsUnique();
            e.HasIndex(x => x.ChangedByImportId);
        });
        b.Entity<ScreeningImport>(e =>
        {
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.Files).HasMaxLength(1000);
            e.Property(x => x.FilesSha256).HasMaxLength(64);
            e.Property(x => x.StartedBy).HasMaxLength(120);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.ScreensAnything);
            e.HasIndex(x => new { x.Source, x.Id });
        });
        b.Entity<ScreeningHitRecord>(e =>
        {
            e.ToTable("ScreeningHits");
            e.Property(x => x.SubjectName).HasMaxLength(300);
            e.Property(x => x.SubjectCountry).HasMaxLength(2);
            e.Property(x => x.EntryHash).HasMaxLength(64);
            e.Property(x => x.MatchedName).HasMaxLength(400);
            e.Property(x => x.Matched).HasConversion<int>();
            e.Property(x => x.Contradicted).HasConversion<int>();
            e.Property(x => x.Trigger).HasMaxLength(120);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.DecidedBy).HasMaxLength(120);
            e.Property(x => x.DecisionNote).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.IsOpen);
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ScreeningListEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ClientId, x.EntryId });
            e.HasIndex(x => new { x.Status, x.RaisedAt });
            // The compliance report: the hits raised in a range.
            e.HasIndex(x => x.RaisedAt);
            e.HasIndex(x => x.EntryId);
        });
    }
}
