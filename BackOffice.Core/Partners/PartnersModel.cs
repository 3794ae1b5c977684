using BackOffice.Core.Partners.Commissions;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners;

/// <summary>How the partner tables look: partners by code and by client, the tree's and the attributions' history by time.</summary>
internal static class PartnersModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<PartnerStatusChange>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.By).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.PartnerId, x.From });
        });
        b.Entity<Partner>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.StatusReason).HasMaxLength(500);
            e.Property(x => x.CreatedBy).HasMaxLength(120);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.ClientId).IsUnique();
            e.HasIndex(x => x.ParentId);
        });
        b.Entity<PartnerParentLink>(e =>
        {
            e.Property(x => x.By).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.PartnerId, x.From });
        });
        b.Entity<TradeDeal>(e =>
        {
            e.Property(x => x.Symbol).HasMaxLength(32);
            e.Property(x => x.Side).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Entry).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Lots).HasPrecision(18, 4);
            e.Property(x => x.Price).HasPrecision(18, 6);
            e.Property(x => x.Profit).HasPrecision(18, 2);
            e.Property(x => x.Commission).HasPrecision(18, 2);
            e.Property(x => x.Swap).HasPrecision(18, 2);
            e.HasIndex(x => x.Ticket).IsUnique();
            e.HasIndex(x => new { x.ClientId, x.TimeUtc });
            e.HasIndex(x => x.TimeUtc);
        });
        b.Entity<CommissionPlan>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(120);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.CreatedBy).HasMaxLength(120);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<CommissionPlanVersion>(e =>
        {
            e.Property(x => x.Rounding).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(300);
            e.Property(x => x.CreatedBy).HasMaxLength(120);
            e.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
            e.HasMany(x => x.Rules).WithOne().HasForeignKey(r => r.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CommissionRule>(e =>
        {
            e.Property(x => x.SymbolGroup).HasMaxLength(20);
            e.Property(x => x.AccountType).HasMaxLength(40);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Rate).HasPrecision(18, 6);
            e.Property(x => x.PipValue).HasPrecision(18, 6);
            e.Property(x => x.MinimumDeposit).HasPrecision(18, 2);
            e.Property(x => x.MinimumLots).HasPrecision(18, 4);
        });
        b.Entity<PartnerPlanAssignment>(e =>
        {
            e.Property(x => x.By).HasMaxLength(200);
            e.HasIndex(x => new { x.PartnerId, x.From });
        });
        b.Entity<PartnerRateOverride>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.SymbolGroup).HasMaxLength(20);
            e.Property(x => x.AccountType).HasMaxLength(40);
            e.Property(x => x.Rate).HasPrecision(18, 6);
            e.Property(x => x.Reason).HasMaxLength(300);
            e.Property(x => x.By).HasMaxLength(200);
            e.HasIndex(x => new { x.PartnerId, x.From });
        });
        b.Entity<CommissionRun>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.StartedBy).HasMaxLength(120);
            e.Property(x => x.StartedById).HasMaxLength(64);
            e.Property(x => x.DecidedBy).HasMaxLength(300);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Status);
            // One run computes at a time, even when two start at the same moment on two nodes: the second insert is refused.
            e.HasIndex(x => x.Status, "IX_CommissionRuns_OneComputing").IsUnique().HasFilter("\"Status\" = 'Computing'");
        });
        b.Entity<CommissionLine>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.SymbolGroup).HasMaxLength(20);
            e.Property(x => x.Symbol).HasMaxLength(32);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Rate).HasPrecision(18, 6);
            e.Property(x => x.PipValue).HasPrecision(18, 6);
            e.Property(x => x.ClosedLots).HasPrecision(18, 4);
            e.Property(x => x.EligibleLots).HasPrecision(18, 4);
            e.Property(x => x.ShortHeldLots).HasPrecision(18, 4);
            e.Property(x => x.HedgedLots).HasPrecision(18, 4);
            e.Property(x => x.Basis).HasPrecision(18, 2);
            e.Property(x => x.CommissionCharged).HasPrecision(18, 2);
            e.Property(x => x.SwapCharged).HasPrecision(18, 2);
            e.Property(x => x.ClientProfit).HasPrecision(18, 2);
            e.Property(x => x.OnceKey).HasMaxLength(60);
            e.Property(x => x.Detail).HasMaxLength(300);
            e.HasIndex(x => new { x.TradeDealId, x.PartnerId, x.Kind }).IsUnique();
            // Only CPA and revenue-share lines have a key: a deal's line (nearly all of them) is left out of the index.
            e.HasIndex(x => x.OnceKey).IsUnique().HasFilter("\"OnceKey\" IS NOT NULL");
            e.HasIndex(x => new { x.RunId, x.PartnerId });
            e.HasIndex(x => new { x.PartnerId, x.DealTime });
            // The partner report reads a period's lines by deal time.
            e.HasIndex(x => new { x.DealTime, x.RunId });
        });
        b.Entity<CommissionLineBlock>(e =>
        {
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.EligibleLots).HasPrecision(18, 4);
            e.HasIndex(x => x.FirstLineId).IsUnique();
            e.HasIndex(x => new { x.RunId, x.PartnerId, x.Level });
            e.HasIndex(x => new { x.PartnerId, x.Day });
            e.HasIndex(x => x.Day);
        });
        b.Entity<PartnerPayout>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.PaidBy).HasMaxLength(300);
            e.HasIndex(x => new { x.PartnerId, x.PaidAt });
        });
        b.Entity<PayoutInstruction>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Channel).HasMaxLength(40);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.CreatedBy).HasMaxLength(300);
            e.Property(x => x.EndedBy).HasMaxLength(300);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.LastPeriod).HasMaxLength(7);
            e.Property(x => x.LastOutcome).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.PartnerId, x.Active });
        });
        b.Entity<CommissionDispute>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.Evidence).HasMaxLength(2000);
            e.Property(x => x.OpenedBy).HasMaxLength(120);
            e.Property(x => x.DecidedBy).HasMaxLength(300);
            e.Property(x => x.Resolution).HasMaxLength(500);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.OpenedAt });
            e.HasIndex(x => x.PartnerId);
        });
        b.Entity<DealCursor>(e => e.HasKey(x => x.TradingAccountId));
        b.Entity<ClientAttribution>(e =>
        {
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.By).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.ClientId, x.From });
            // A partner's clients now, counted from the index alone (the partner report counts every partner's).
            e.HasIndex(x => new { x.PartnerId, x.To, x.From });
            // The partner report lists a period's attributions in time order.
            e.HasIndex(x => x.From);
        });
    }
}
