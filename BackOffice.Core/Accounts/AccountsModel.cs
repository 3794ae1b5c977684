using BackOffice.Core.Accounts.AccountTypes;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Crm;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Accounts.TradingAccounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts;

/// <summary>How the accounts module's tables look, and the indexes the client grid and search rely on.</summary>
internal static class AccountsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Lifecycle.ClientStatusChange>(e =>
        {
            e.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.To, x.At });
            e.HasIndex(x => x.ClientId);
        });
        b.Entity<Client>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.RestrictionCategory).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.RestrictionAllows).HasMaxLength(200);
            e.Property(x => x.FirstName).HasMaxLength(100);
            e.Property(x => x.LastName).HasMaxLength(100);
            e.Property(x => x.CompanyName).HasMaxLength(200);
            e.Property(x => x.RegistrationNumber).HasMaxLength(60);
            e.Property(x => x.Nationality).HasMaxLength(2);
            e.Property(x => x.Country).HasMaxLength(2);
            e.Property(x => x.CountryOfIncorporation).HasMaxLength(2);
            e.Property(x => x.Region).HasMaxLength(40);
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.PhoneKey).HasMaxLength(40);
            e.Property(x => x.AddressLine).HasMaxLength(300);
            e.Property(x => x.City).HasMaxLength(100);
            e.Property(x => x.PostalCode).HasMaxLength(20);
            e.Property(x => x.DisplayName).HasMaxLength(220);
            e.Property(x => x.NameKey).HasMaxLength(220);
            e.Property(x => x.StatusReason).HasMaxLength(500);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            e.Property(x => x.SalesStage).HasMaxLength(40);
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.Email).IsUnique();
            e.HasIndex(x => x.NameKey);
            e.HasIndex(x => x.PhoneKey);
            // The account report: closures by when they happened, who waits for documents oldest first (of a manager, of a country).
            e.HasIndex(x => new { x.Status, x.StatusChangedAt });
            e.HasIndex(x => new { x.Status, x.ManagerId, x.StatusChangedAt });
            e.HasIndex(x => new { x.Status, x.Country, x.StatusChangedAt });
            // The account report's approvals of a period in order (all, of a manager, of a country, of a manager in a country).
            e.HasIndex(x => x.ApprovedAt);
            e.HasIndex(x => new { x.ManagerId, x.ApprovedAt });
            e.HasIndex(x => new { x.Country, x.ApprovedAt });
            e.HasIndex(x => new { x.ManagerId, x.Country, x.ApprovedAt });
            e.HasIndex(x => new { x.Status, x.RegisteredAt });
            e.HasIndex(x => x.RegisteredAt);
            e.HasIndex(x => new { x.Country, x.RegisteredAt });
            e.HasIndex(x => new { x.Region, x.RegisteredAt });
            // A status with a region counts from one index range; a country sorted by name pages without a sort.
            e.HasIndex(x => new { x.Status, x.Region, x.RegisteredAt });
            e.HasIndex(x => new { x.Country, x.NameKey });
            e.HasIndex(x => new { x.ManagerId, x.RegisteredAt });
            e.HasIndex(x => new { x.SalesStage, x.RegisteredAt });
            e.HasMany(x => x.Tags).WithOne().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ClientTag>(e =>
        {
            e.HasKey(x => new { x.ClientId, x.Tag });
            e.Property(x => x.Tag).HasMaxLength(40);
            e.HasIndex(x => new { x.Tag, x.ClientId });
        });
        b.Entity<SalesStage>(e =>
        {
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(40);
        });
        b.Entity<NumberSequence>(e =>
        {
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(40);
        });
        b.Entity<StatusCapability>(e =>
        {
            e.HasKey(x => new { x.Status, x.Capability });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Capability).HasConversion<string>().HasMaxLength(30);
        });
        b.Entity<AccountType>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(60);
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.PlatformGroup).HasMaxLength(120);
            e.Property(x => x.Currencies).HasMaxLength(100);
            e.Property(x => x.AllowedLeverages).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<TradingAccount>(e =>
        {
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Group).HasMaxLength(120);
            e.Property(x => x.Trading).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Sync).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.SyncError).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Login).IsUnique();
            e.HasIndex(x => x.ClientId);
            e.HasIndex(x => new { x.AccountTypeId, x.ClientId });
            e.HasIndex(x => x.Sync);
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AccountType>().WithMany().HasForeignKey(x => x.AccountTypeId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PlatformSync>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Cause).HasMaxLength(200);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.TradingAccountId);
        });
        b.Entity<Communication>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.StaffId).HasMaxLength(64);
            e.Property(x => x.StaffName).HasMaxLength(120);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.HasIndex(x => new { x.ClientId, x.At });
        });
        b.Entity<ClientTask>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.AssigneeId).HasMaxLength(64);
            e.Property(x => x.CreatedById).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.AssigneeId, x.CompletedAt, x.DueAt });
            e.HasIndex(x => x.ClientId);
        });
        b.Entity<ApiKey>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(120);
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Scopes).HasMaxLength(100);
            e.Property(x => x.CreatedById).HasMaxLength(64);
            e.HasIndex(x => x.Hash).IsUnique();
        });
    }
}
