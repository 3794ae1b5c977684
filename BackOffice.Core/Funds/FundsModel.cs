using BackOffice.Core.Funds.Adjustments;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Payments;
using BackOffice.Core.Funds.Reconciliation;
using BackOffice.Core.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds;

/// <summary>How the funds tables look: channels by code, deposits by reference and by provider order, the platform's money outbox.</summary>
internal static class FundsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<PaymentChannel>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(80);
            e.Property(x => x.Provider).HasMaxLength(40);
            e.Property(x => x.Currencies).HasMaxLength(200);
            e.Property(x => x.Countries).HasMaxLength(1000);
            e.Property(x => x.AccountTypes).HasMaxLength(400);
            e.Property(x => x.Instructions).HasMaxLength(1000);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<Deposit>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.PaidCurrency).HasMaxLength(5);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.ReviewReason).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.ProviderOrderId).HasMaxLength(120);
            e.Property(x => x.ProviderStatus).HasMaxLength(40);
            e.Property(x => x.CheckoutUrl).HasMaxLength(400);
            e.Property(x => x.PayerName).HasMaxLength(200);
            e.Property(x => x.SourceFingerprint).HasMaxLength(200);
            e.Property(x => x.ReviewNote).HasMaxLength(500);
            e.Property(x => x.FailureCode).HasMaxLength(60);
            e.Property(x => x.FailureMessage).HasMaxLength(300);
            e.Property(x => x.RequestedBy).HasMaxLength(160);
            e.Property(x => x.DecidedBy).HasMaxLength(120);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.ChannelId, x.ProviderOrderId }).IsUnique();
            e.HasIndex(x => new { x.Status, x.Id });
            e.HasIndex(x => new { x.ClientId, x.Id });
            // The payment report's days: deposits by when they started and when they were credited; its lists: failed and refunded, in time order.
            e.HasIndex(x => x.CreatedAt);
            e.HasIndex(x => x.CreditedAt);
            e.HasIndex(x => new { x.Status, x.CreatedAt });
            e.HasIndex(x => new { x.Status, x.DecidedAt });
        });
        b.Entity<StatementImport>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.LayoutKind).HasMaxLength(20);
            e.Property(x => x.LayoutJson).HasMaxLength(2000);
            e.Property(x => x.ImportedBy).HasMaxLength(120);
            e.HasIndex(x => new { x.ChannelId, x.Sha256 }).IsUnique();
        });
        b.Entity<StatementLine>(e =>
        {
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.ProviderId).HasMaxLength(120);
            e.Property(x => x.Reference).HasMaxLength(300);
            e.Property(x => x.Payer).HasMaxLength(200);
            e.Property(x => x.Key).HasMaxLength(32);
            e.Property(x => x.Match).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.MatchedBy).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.ChannelId, x.Date });
            e.HasIndex(x => x.ImportId);
            e.HasIndex(x => x.DepositId);
            e.HasIndex(x => x.WithdrawalId);
        });
        b.Entity<ReconciliationBreak>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.OurReference).HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.Detail).HasMaxLength(500);
            e.Property(x => x.Resolution).HasMaxLength(500);
            e.Property(x => x.ResolvedBy).HasMaxLength(120);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.Date });
            e.HasIndex(x => new { x.ChannelId, x.Kind, x.Status });
            e.HasIndex(x => x.ImportId);
        });
        b.Entity<PaymentCallback>(e =>
        {
            e.Property(x => x.ChannelCode).HasMaxLength(40);
            e.Property(x => x.EventId).HasMaxLength(120);
            e.Property(x => x.EventType).HasMaxLength(80);
            e.Property(x => x.Detail).HasMaxLength(500);
            e.Property(x => x.Ip).HasMaxLength(64);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.ChannelCode, x.EventId });
            e.HasIndex(x => x.ReceivedAt);
        });
        b.Entity<PlatformBalanceOperation>(e =>
        {
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.Comment).HasMaxLength(32);
            e.Property(x => x.Cause).HasMaxLength(120);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.TradingAccountId);
            e.HasIndex(x => x.Comment).IsUnique();
        });
        b.Entity<Withdrawal>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Checks).HasMaxLength(4000);
            e.Property(x => x.RequestedBy).HasMaxLength(160);
            e.Property(x => x.RequestedByStaffId).HasMaxLength(64);
            e.Property(x => x.PayoutId).HasMaxLength(120);
            e.Property(x => x.VoucherReference).HasMaxLength(120);
            e.Property(x => x.VoucherFile).HasMaxLength(200);
            e.Property(x => x.DecidedBy).HasMaxLength(120);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Reference).IsUnique();
            // The approval queues: open withdrawals by status and the level they wait at, oldest first.
            e.HasIndex(x => new { x.Status, x.ApprovedLevel, x.WaitingSince });
            e.HasIndex(x => new { x.ClientId, x.Id });
            // The payment report: payouts by when they were paid, failed ones by when they were asked for.
            e.HasIndex(x => new { x.Status, x.PaidAt });
            e.HasIndex(x => new { x.Status, x.CreatedAt });
        });
        b.Entity<WithdrawalApproval>(e =>
        {
            e.Property(x => x.StaffId).HasMaxLength(64);
            e.Property(x => x.StaffName).HasMaxLength(120);
            // One approval per level: two approvers at once, one wins.
            e.HasIndex(x => new { x.WithdrawalId, x.Level }).IsUnique();
        });
        b.Entity<PayoutDestination>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Label).HasMaxLength(120);
            e.Property(x => x.Identifier).HasMaxLength(200);
            e.Property(x => x.HolderName).HasMaxLength(200);
            e.Property(x => x.AddedBy).HasMaxLength(160);
            e.Property(x => x.VerifiedBy).HasMaxLength(120);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.ClientId, x.Kind, x.Identifier }).IsUnique();
        });
        b.Entity<ApprovalPolicyRule>(e =>
        {
            e.Property(x => x.Risk).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        });
        b.Entity<BalanceCorrection>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.MadeBy).HasMaxLength(120);
            e.Property(x => x.ApprovedBy).HasMaxLength(120);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.ClientId, x.Id });
        });
        b.Entity<InternalTransfer>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(20);
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.ToCurrency).HasMaxLength(5);
            e.Property(x => x.By).HasMaxLength(160);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.ClientId, x.Id });
        });
    }
}
