using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Ledger;

/// <summary>How the ledger tables look: an account by code and currency, one transaction per kind and reference, entries by account.</summary>
internal static class LedgerModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<LedgerAccount>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(80);
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Code, x.Currency }).IsUnique();
        });
        b.Entity<LedgerTransaction>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Reference).HasMaxLength(80);
            e.Property(x => x.PostedBy).HasMaxLength(120);
            // Idempotency: a callback or a retry that posts the same movement again finds it instead.
            e.HasIndex(x => new { x.Kind, x.Reference }).IsUnique();
        });
        b.Entity<LedgerEntry>(e =>
        {
            e.Property(x => x.Currency).HasMaxLength(5);
            e.Property(x => x.Memo).HasMaxLength(200);
            e.HasOne<LedgerTransaction>().WithMany().HasForeignKey(x => x.TransactionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.AccountId, x.Id });
            e.HasIndex(x => x.TransactionId);
        });
    }
}
