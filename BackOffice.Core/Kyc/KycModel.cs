using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;
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
            e.HasIndex(x => new { x.Status, x.UploadedAt });
            e.HasIndex(x => new { x.Number, x.IssuingCountry });
            e.HasIndex(x => x.ExpiresOn);
        });
        b.Entity<KycCase>(e =>
        {
            e.HasKey(x => x.ClientId);
            e.Property(x => x.ClientId).ValueGeneratedNever();
            e.Property(x => x.AssigneeId).HasMaxLength(64);
            e.Property(x => x.AssigneeName).HasMaxLength(120);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithOne().HasForeignKey<KycCase>(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.QueuedSince);
            e.HasIndex(x => new { x.AssigneeId, x.QueuedSince });
        });
    }
}
