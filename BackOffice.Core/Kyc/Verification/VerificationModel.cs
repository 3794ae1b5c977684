using BackOffice.Core.Accounts.Clients;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Verification;

/// <summary>How the identity-verification tables look.</summary>
internal static class VerificationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<IdentityCheck>(e =>
        {
            e.Property(x => x.Provider).HasMaxLength(20);
            e.Property(x => x.ApplicantId).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.LastAnswer).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.LastRejectType).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.LastLabels).HasMaxLength(500);
            e.Property(x => x.StartedBy).HasMaxLength(120);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithOne().HasForeignKey<IdentityCheck>(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.ClientId).IsUnique();
            e.HasIndex(x => x.ApplicantId);
        });
        b.Entity<ProviderCallback>(e =>
        {
            e.Property(x => x.EventId).HasMaxLength(64);
            e.Property(x => x.EventType).HasMaxLength(80);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Detail).HasMaxLength(500);
            e.Property(x => x.ApplicantId).HasMaxLength(100);
            e.Property(x => x.Ip).HasMaxLength(64);
            // The replay defence: a delivery is acted on (or deliberately ignored) once. Two copies racing
            // each other cannot both pass the handler's check, because the second insert fails here.
            e.HasIndex(x => x.EventId).IsUnique().HasFilter("\"Outcome\" IN ('Applied', 'Ignored')").HasDatabaseName("IX_ProviderCallbacks_EventId_Processed");
            e.HasIndex(x => x.ReceivedAt);
            e.HasIndex(x => new { x.ClientId, x.ReceivedAt });
        });
    }
}
