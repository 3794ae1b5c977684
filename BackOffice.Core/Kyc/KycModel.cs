using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Kyc.Risk;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc;

/// <summary>How the KYC tables look, and the indexes the review queue relies on.</summary>
internal static class KycModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<DocumentRequirement>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.DocumentType).HasMaxLength(40);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Kind, x.DocumentType }).IsUnique();
        });
        b.Entity<KycDocument>(e =>
        {
            e.Property(x => x.Type).HasMaxLength(40);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.UploadedBy).HasMaxLength(120);
            e.Property(x => x.FileName).HasMaxLength(150);
            e.Property(x => x.ContentType).HasMaxLength(40);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StorageKey).HasMaxLength(80);
            e.Property(x => x.Number).HasMaxLength(60);
            e.Property(x => x.IssuingCountry).HasMaxLength(2);
            e.Property(x => x.PrintedName).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.ReviewerId).HasMaxLength(64);
            e.Property(x => x.ReviewerName).HasMaxLength(120);
            e.Property(x => x.RejectionReason).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.ReviewNote).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ClientId, x.Type });
            // Each queue row counts its client's documents waiting: only those are indexed.
            e.HasIndex(x => x.ClientId).HasFilter("\"Status\" = 'Submitted'").HasDatabaseName("IX_KycDocuments_Waiting");
            e.HasIndex(x => new { x.Status, x.UploadedAt });
            e.HasIndex(x => new { x.Number, x.IssuingCountry });
            e.HasIndex(x => x.ExpiresOn);
            // The compliance report's expiry ratio counts accepted documents by expiry date (and client, when filtered) from the index alone.
            e.HasIndex(x => new { x.Status, x.ExpiresOn, x.ClientId });
        });
        b.Entity<KycCase>(e =>
        {
            e.HasKey(x => x.ClientId);
            e.Property(x => x.ClientId).ValueGeneratedNever();
            e.Property(x => x.AssigneeId).HasMaxLength(64);
            e.Property(x => x.AssigneeName).HasMaxLength(120);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithOne().HasForeignKey<KycCase>(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.RiskLevel).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.ScoredLevel).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.RiskOverride).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.RiskOverrideReason).HasMaxLength(1000);
            // The review queue is the few cases waiting: oldest first for its pages, and by client for a
            // filter on the client's kind or country to test against. Only the waiting cases are indexed.
            e.HasIndex(x => new { x.QueuedSince, x.ClientId }).HasFilter("\"QueuedSince\" IS NOT NULL").HasDatabaseName("IX_KycCases_Queue");
            e.HasIndex(x => new { x.ClientId, x.QueuedSince }).HasFilter("\"QueuedSince\" IS NOT NULL").HasDatabaseName("IX_KycCases_Queue_ClientId");
            // Each filter of the queue has its own slice of the waiting cases, in queue order: a filtered page or count reads only its slice.
            e.Property(x => x.ClientKind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ClientCountry).HasMaxLength(2);
            e.HasIndex(x => new { x.ClientCountry, x.QueuedSince, x.ClientId }).HasFilter("\"QueuedSince\" IS NOT NULL")
                .HasDatabaseName("IX_KycCases_Queue_Country");
            e.HasIndex(x => new { x.ClientKind, x.QueuedSince, x.ClientId }).HasFilter("\"QueuedSince\" IS NOT NULL")
                .HasDatabaseName("IX_KycCases_Queue_Kind");
            e.HasIndex(x => new { x.ClientKind, x.ClientCountry, x.QueuedSince, x.ClientId }).HasFilter("\"QueuedSince\" IS NOT NULL")
                .HasDatabaseName("IX_KycCases_Queue_KindCountry");
            e.HasIndex(x => new { x.RiskLevel, x.QueuedSince, x.ClientId }).HasFilter("\"QueuedSince\" IS NOT NULL")
                .HasDatabaseName("IX_KycCases_Queue_Risk");
            e.HasIndex(x => x.RiskLevel);
            e.HasIndex(x => new { x.AssigneeId, x.QueuedSince });
        });
        // The queue's client filters test each waiting case's client. By country: with the id in the index, the tests
        // stay within that country's few pages. By kind: corporate clients are a few percent of the book, and SQLite
        // keeps no histogram of values, so only an index of them alone tells its planner how few (ReviewQueue).
        b.Entity<Client>(e =>
        {
            e.HasIndex(x => new { x.Country, x.Id });
            e.HasIndex(x => x.Id).HasFilter("\"Kind\" = 'Corporate'").HasDatabaseName("IX_Clients_Corporate");
            // Possible duplicates on the case screen: the clients born the same day, whose names are then compared.
            e.HasIndex(x => x.DateOfBirth);
        });
        b.Entity<ClientDeclaration>(e =>
        {
            e.HasKey(x => x.ClientId);
            e.Property(x => x.ClientId).ValueGeneratedNever();
            e.Property(x => x.SourceOfFunds).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.OccupationCategory).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Occupation).HasMaxLength(120);
            e.Property(x => x.ExpectedYearlyVolumeUsd).HasPrecision(18, 2);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithOne().HasForeignKey<ClientDeclaration>(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<RiskRecord>(e =>
        {
            e.Property(x => x.ScoredLevel).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Trigger).HasMaxLength(1200);
            e.HasIndex(x => new { x.ClientId, x.At });
            // The compliance report: who became high risk in a range.
            e.HasIndex(x => new { x.Level, x.At });
        });
        b.Entity<CountryRiskEntry>(e =>
        {
            e.ToTable("CountryRisks");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(2);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Risk).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<CountryRiskEdition>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Source).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Corporate.CorporateParty>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Country).HasMaxLength(2);
            e.Property(x => x.OwnershipPercent).HasPrecision(7, 4);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.ClientId);
        });
        b.Entity<EddCase>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Reasons).HasMaxLength(1000);
            e.Property(x => x.Notes).HasMaxLength(8000);
            e.Property(x => x.SignedOffBy).HasMaxLength(120);
            e.Property(x => x.SignOffNote).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.ClientId, x.Status });
            e.HasIndex(x => x.Status);
        });
    }
}
