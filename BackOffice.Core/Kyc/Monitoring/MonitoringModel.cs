using BackOffice.Core.Accounts.Clients;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>How the monitoring tables look: events read by client and time, alerts by status and age.</summary>
internal static class MonitoringModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ActivityEvent>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.AmountUsd).HasPrecision(18, 2);
            e.Property(x => x.MethodKind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.MethodFingerprint).HasMaxLength(120);
            e.Property(x => x.MethodHolder).HasMaxLength(200);
            e.Property(x => x.IpCountry).HasMaxLength(2);
            e.Property(x => x.TradedVolumeUsd).HasPrecision(18, 2);
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ClientId, x.At });
            e.HasIndex(x => x.At);
        });
        b.Entity<AmlAlert>(e =>
        {
            e.Property(x => x.RuleCode).HasMaxLength(40);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Sentence).HasMaxLength(2000);
            e.Property(x => x.EventIds).HasMaxLength(2000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.AssigneeId).HasMaxLength(64);
            e.Property(x => x.AssigneeName).HasMaxLength(120);
            e.Property(x => x.ClosedBy).HasMaxLength(120);
            e.Property(x => x.CloseReason).HasMaxLength(1000);
            e.Property(x => x.SarReference).HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ClientId, x.RuleCode });
            e.HasIndex(x => new { x.Status, x.RaisedAt });
            // The compliance report: the alerts raised in a range.
            e.HasIndex(x => x.RaisedAt);
        });
        b.Entity<MonitoringRuleConfig>(e =>
        {
            e.ToTable("MonitoringRules");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Thresholds).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<SuspiciousActivityReport>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.FiledBy).HasMaxLength(120);
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AmlAlert>().WithMany().HasForeignKey(x => x.AmlAlertId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => x.ClientId);
        });
    }
}
