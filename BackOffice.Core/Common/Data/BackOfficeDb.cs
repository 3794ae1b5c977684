using BackOffice.Core.Operations;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Audit;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Common.Data;

/// <summary>
/// The model and the unit of work. Provider-specific subclasses (SQLite, PostgreSQL) live in
/// Infrastructure with their own migrations; handlers depend on this class only.
/// </summary>
public abstract class BackOfficeDb : IdentityDbContext<StaffMember, StaffRole, string>, IDataProtectionKeyContext
{
    protected BackOfficeDb(DbContextOptions options) : base(options)
    {
        SavingChanges += (_, _) =>
        {
            if (CaptureInto?.Current is { Sealed: false } frame)
                Pipeline.ChangeCapture.Capture(this, frame);
        };
    }

    /// <summary>The effects of the command using this context now (set by the transaction stage; contexts are pooled).</summary>
    internal Effects? CaptureInto { get; set; }

    /// <summary>True inside a command: its transaction is open, and the transaction stage saves the command's rows at its end.</summary>
    internal bool InCommand => CaptureInto is not null;

    /// <summary>
    /// The rows of a type this context tracks (deleted ones aside), without the change-detection pass that <c>Local</c>
    /// runs first: for a type no navigation leads to (the ledger's, payout destinations), which rows are tracked does not
    /// depend on it.
    /// </summary>
    internal List<T> Tracked<T>() where T : class
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. ChangeTracker.Entries<T>().Where(e => e.State != EntityState.Deleted).Select(e => e.Entity)];
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();
    public DbSet<LoginEvent> LoginEvents => Set<LoginEvent>();
    public DbSet<PendingOperation> PendingOperations => Set<PendingOperation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OperationalAlert> Alerts => Set<OperationalAlert>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Accounts.Clients.Client> Clients => Set<Accounts.Clients.Client>();
    public DbSet<Accounts.Clients.ClientTag> ClientTags => Set<Accounts.Clients.ClientTag>();
    public DbSet<Accounts.Clients.SalesStage> SalesStages => Set<Accounts.Clients.SalesStage>();
    public DbSet<Accounts.Clients.NumberSequence> NumberSequences => Set<Accounts.Clients.NumberSequence>();
    public DbSet<Accounts.Lifecycle.StatusCapability> StatusCapabilities => Set<Accounts.Lifecycle.StatusCapability>();
    public DbSet<Accounts.AccountTypes.AccountType> AccountTypes => Set<Accounts.AccountTypes.AccountType>();
    public DbSet<Accounts.TradingAccounts.TradingAccount> TradingAccounts => Set<Accounts.TradingAccounts.TradingAccount>();
    public DbSet<Accounts.Sync.PlatformSync> PlatformSyncs => Set<Accounts.Sync.PlatformSync>();
    public DbSet<Accounts.Crm.Communication> Communications => Set<Accounts.Crm.Communication>();
    public DbSet<Accounts.Crm.ClientTask> ClientTasks => Set<Accounts.Crm.ClientTask>();
    public DbSet<Accounts.Api.ApiKey> ApiKeys => Set<Accounts.Api.ApiKey>();
    public DbSet<Kyc.Documents.DocumentRequirement> DocumentRequirements => Set<Kyc.Documents.DocumentRequirement>();
    public DbSet<Kyc.Documents.KycDocument> KycDocuments => Set<Kyc.Documents.KycDocument>();
    public DbSet<Kyc.Review.KycCase> KycCases => Set<Kyc.Review.KycCase>();
    public DbSet<Kyc.Risk.ClientDeclaration> ClientDeclarations => Set<Kyc.Risk.ClientDeclaration>();
    public DbSet<Kyc.Risk.RiskRecord> RiskRecords => Set<Kyc.Risk.RiskRecord>();
    public DbSet<Kyc.Risk.CountryRiskEntry> CountryRisks => Set<Kyc.Risk.CountryRiskEntry>();
    public DbSet<Kyc.Risk.CountryRiskEdition> CountryRiskEditions => Set<Kyc.Risk.CountryRiskEdition>();
    public DbSet<Kyc.Edd.EddCase> EddCases => Set<Kyc.Edd.EddCase>();
    public DbSet<Kyc.Corporate.CorporateParty> CorporateParties => Set<Kyc.Corporate.CorporateParty>();
    public DbSet<Kyc.Verification.IdentityCheck> IdentityChecks => Set<Kyc.Verification.IdentityCheck>();
    public DbSet<Kyc.Verification.ProviderCallback> ProviderCallbacks => Set<Kyc.Verification.ProviderCallback>();
    public DbSet<Kyc.Monitoring.ActivityEvent> ActivityEvents => Set<Kyc.Monitoring.ActivityEvent>();
    public DbSet<Kyc.Monitoring.AmlAlert> AmlAlerts => Set<Kyc.Monitoring.AmlAlert>();
    public DbSet<Kyc.Monitoring.MonitoringRuleConfig> MonitoringRules => Set<Kyc.Monitoring.MonitoringRuleConfig>();
    public DbSet<Kyc.Monitoring.SuspiciousActivityReport> SuspiciousActivityReports => Set<Kyc.Monitoring.SuspiciousActivityReport>();
    public DbSet<Kyc.Screening.ScreeningListEntry> ScreeningEntries => Set<Kyc.Screening.ScreeningListEntry>();
    public DbSet<Kyc.Screening.ScreeningImport> ScreeningImports => Set<Kyc.Screening.ScreeningImport>();
    public DbSet<Kyc.Screening.ScreeningHitRecord> ScreeningHits => Set<Kyc.Screening.ScreeningHitRecord>();
    public DbSet<Funds.Ledger.LedgerAccount> LedgerAccounts => Set<Funds.Ledger.LedgerAccount>();
    public DbSet<Funds.Ledger.LedgerTransaction> LedgerTransactions => Set<Funds.Ledger.LedgerTransaction>();
    public DbSet<Funds.Ledger.LedgerEntry> LedgerEntries => Set<Funds.Ledger.LedgerEntry>();
    public DbSet<Funds.Channels.PaymentChannel> PaymentChannels => Set<Funds.Channels.PaymentChannel>();
    public DbSet<Funds.Deposits.Deposit> Deposits => Set<Funds.Deposits.Deposit>();
    public DbSet<Funds.Payments.PaymentCallback> PaymentCallbacks => Set<Funds.Payments.PaymentCallback>();
    public DbSet<Funds.Balances.PlatformBalanceOperation> PlatformBalanceOperations => Set<Funds.Balances.PlatformBalanceOperation>();
    public DbSet<Funds.Withdrawals.Withdrawal> Withdrawals => Set<Funds.Withdrawals.Withdrawal>();
    public DbSet<Funds.Withdrawals.WithdrawalApproval> WithdrawalApprovals => Set<Funds.Withdrawals.WithdrawalApproval>();
    public DbSet<Funds.Withdrawals.PayoutDestination> PayoutDestinations => Set<Funds.Withdrawals.PayoutDestination>();
    public DbSet<Funds.Withdrawals.ApprovalPolicyRule> ApprovalPolicyRules => Set<Funds.Withdrawals.ApprovalPolicyRule>();
    public DbSet<Funds.Adjustments.BalanceCorrection> BalanceCorrections => Set<Funds.Adjustments.BalanceCorrection>();
    public DbSet<Funds.Adjustments.InternalTransfer> InternalTransfers => Set<Funds.Adjustments.InternalTransfer>();
    public DbSet<Funds.Reconciliation.StatementImport> StatementImports => Set<Funds.Reconciliation.StatementImport>();
    public DbSet<Funds.Reconciliation.StatementLine> StatementLines => Set<Funds.Reconciliation.StatementLine>();
    public DbSet<Funds.Reconciliation.ReconciliationBreak> ReconciliationBreaks => Set<Funds.Reconciliation.ReconciliationBreak>();
    public DbSet<Core.Partners.Partner> Partners => Set<Core.Partners.Partner>();
    public DbSet<Core.Partners.PartnerParentLink> PartnerParentLinks => Set<Core.Partners.PartnerParentLink>();
    public DbSet<Core.Partners.PartnerStatusChange> PartnerStatusChanges => Set<Core.Partners.PartnerStatusChange>();
    public DbSet<Core.Partners.ClientAttribution> ClientAttributions => Set<Core.Partners.ClientAttribution>();
    public DbSet<Core.Partners.TradeDeal> TradeDeals => Set<Core.Partners.TradeDeal>();
    public DbSet<Core.Partners.DealCursor> DealCursors => Set<Core.Partners.DealCursor>();
    public DbSet<Core.Partners.Commissions.CommissionPlan> CommissionPlans => Set<Core.Partners.Commissions.CommissionPlan>();
    public DbSet<Core.Partners.Commissions.CommissionPlanVersion> CommissionPlanVersions => Set<Core.Partners.Commissions.CommissionPlanVersion>();
    public DbSet<Core.Partners.Commissions.CommissionRule> CommissionRules => Set<Core.Partners.Commissions.CommissionRule>();
    public DbSet<Core.Partners.Commissions.PartnerPlanAssignment> PartnerPlanAssignments => Set<Core.Partners.Commissions.PartnerPlanAssignment>();
    public DbSet<Core.Partners.Commissions.PartnerRateOverride> PartnerRateOverrides => Set<Core.Partners.Commissions.PartnerRateOverride>();
    public DbSet<Core.Partners.Commissions.CommissionRun> CommissionRuns => Set<Core.Partners.Commissions.CommissionRun>();
    public DbSet<Core.Partners.Commissions.CommissionLine> CommissionLines => Set<Core.Partners.Commissions.CommissionLine>();
    public DbSet<Core.Partners.Commissions.CommissionLineBlock> CommissionLineBlocks => Set<Core.Partners.Commissions.CommissionLineBlock>();
    public DbSet<Core.Partners.Commissions.PartnerPayout> PartnerPayouts => Set<Core.Partners.Commissions.PartnerPayout>();
    public DbSet<Core.Partners.Commissions.PayoutInstruction> PayoutInstructions => Set<Core.Partners.Commissions.PayoutInstruction>();
    public DbSet<Core.Partners.Commissions.CommissionDispute> CommissionDisputes => Set<Core.Partners.Commissions.CommissionDispute>();
    public DbSet<Accounts.Lifecycle.ClientStatusChange> ClientStatusChanges => Set<Accounts.Lifecycle.ClientStatusChange>();
    public DbSet<Reports.Regions.RegionGroup> RegionGroups => Set<Reports.Regions.RegionGroup>();
    public DbSet<Reports.Presets.ReportPreset> ReportPresets => Set<Reports.Presets.ReportPreset>();
    public DbSet<Reports.Facts.ReportFactDay> ReportFactDays => Set<Reports.Facts.ReportFactDay>();
    public DbSet<Reports.Facts.ReportFact> ReportFacts => Set<Reports.Facts.ReportFact>();
    public DbSet<Reports.Compliance.DocumentExpiryCount> DocumentExpiryCounts => Set<Reports.Compliance.DocumentExpiryCount>();
    public DbSet<Reports.Compliance.ComplianceEntry> ComplianceEntries => Set<Reports.Compliance.ComplianceEntry>();
    public DbSet<Reports.Partners.PartnerClientCount> PartnerClientCounts => Set<Reports.Partners.PartnerClientCount>();
    public DbSet<Reports.Accounts.ClientAccountType> ClientAccountTypes => Set<Reports.Accounts.ClientAccountType>();
    public DbSet<Reports.Facts.ListEntry> ListEntries => Set<Reports.Facts.ListEntry>();

    /// <summary>True for PostgreSQL: lets the few provider-specific statements choose their SQL.</summary>
    public abstract bool IsPostgres { get; }

    /// <summary>Where reports read, when not on the context's own connections (SQLite: connections that read through a memory map).</summary>
    public virtual string? ReportReadsConnectionString() => null;

    /// <summary>
    /// Appends <paramref name="rows"/> rows with the one-row INSERT <paramref name="insert"/> (its parameters in column
    /// order) on the current transaction, through the provider's own fastest path; <paramref name="value"/> gives row r's
    /// column c as the provider stores it. False: the provider has no such path (the caller binds parameters itself).
    /// </summary>
    public virtual Task<bool> AppendRowsAsync(string insert, int columns, int rows, Func<int, int, object?> value, CancellationToken ct) =>
        Task.FromResult(false);

    /// <summary>
    /// Runs the one-row statement <paramref name="sql"/>, kept prepared under <paramref name="key"/>, on the current transaction
    /// through the provider's own API, its parameters bound by position from <paramref name="values"/> (each as the provider
    /// stores it). Returns the rows changed, or with <paramref name="returnsKey"/> the key the statement returned; null when
    /// the provider has no such path or does not bind one of the values directly (the caller runs the ADO.NET command).
    /// </summary>
    public virtual long? RunBound(object key, string sql, object?[] values, bool returnsKey) => null;

    /// <summary>Whether <see cref="RunBound"/> may run statements on this provider.</summary>
    public virtual bool BindsDirectly => false;

    /// <summary>
    /// Reads the rows of <paramref name="sql"/> (integer parameters, by position) on the current transaction through the
    /// provider's own API, each row handed to <paramref name="read"/> as its columns' stored values, text as UTF-8 bytes with no
    /// string made. False: the provider has no such path (the caller reads through ADO.NET).
    /// </summary>
    public virtual bool ReadStored(string sql, long[] parameters, Action<IStoredRow> read) => false;

    /// <summary>
    /// As <see cref="ReadStored"/>, but a reading to run later on a connection of its own, outside any transaction, so that it
    /// can run on another thread while this context goes on (rows that never change once written, read ahead). Null: the
    /// provider has no such path.
    /// </summary>
    public virtual Action<Action<IStoredRow>>? StoredReadApart(string sql, long[] parameters) => null;

    /// <summary>
    /// The commit of this context's transaction leaves copying the write-ahead log into the database to another connection
    /// (<see cref="CheckpointApart"/>, run on another thread); once the command's transaction is over
    /// (<see cref="ResumeCheckpoints"/>) the connection copies at its commits again.
    /// For a command that writes tens of megabytes a commit, many times over (a commission run's batches), so that the
    /// copy and its sync to disk run beside its next batch instead of before it. Nothing on a provider without such a log.
    /// </summary>
    public virtual void DeferCheckpoint()
    {
    }

    /// <summary>Ends <see cref="DeferCheckpoint"/>: the command pipeline calls it when a command's transaction is over.</summary>
    public virtual void ResumeCheckpoints()
    {
    }

    /// <summary>A copy of the write-ahead log into the database, to run later on a connection of its own; null where there is none.</summary>
    public virtual Action? CheckpointApart() => null;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<StaffMember>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(120);
            e.Property(x => x.TimeZone).HasMaxLength(64);
        });
        b.Entity<StaffRole>(e => e.Property(x => x.Description).HasMaxLength(300));
        b.Entity<RolePermission>(e =>
        {
            e.HasKey(x => new { x.RoleId, x.Permission });
            e.Property(x => x.Permission).HasMaxLength(80);
            e.HasOne<StaffRole>().WithMany().HasForeignKey(x => x.RoleId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<LoginEvent>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Ip).HasMaxLength(64);
            e.Property(x => x.UserAgent).HasMaxLength(512);
            e.HasIndex(x => new { x.StaffId, x.At });
            e.HasIndex(x => x.At);
            // The permission report: abnormal sign-ins of a range.
            e.HasIndex(x => new { x.Kind, x.At });
        });
        b.Entity<PendingOperation>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.CommandType).HasMaxLength(300);
            e.Property(x => x.CheckerPermission).HasMaxLength(80);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.ExpiresAt });
            // The permission report: the operations requested in a range.
            e.HasIndex(x => x.CreatedAt);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.Action).HasMaxLength(120);
            e.Property(x => x.EntityType).HasMaxLength(120);
            e.Property(x => x.EntityId).HasMaxLength(120);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.EntityType, x.EntityId });
            // The permission report's lists, each a few entries in a year of audit: what administrators did (by actor),
            // role changes (by action), sensitive changes (only those a second person approved are indexed), and the
            // entries of one staff member as actor or approver — each read in time order without walking the whole year.
            e.HasIndex(x => new { x.ActorId, x.At });
            e.HasIndex(x => new { x.ApproverId, x.At });
            e.HasIndex(x => new { x.Action, x.At });
            e.HasIndex(x => new { x.At, x.Sequence }, "IX_AuditEntries_Approved").HasFilter("\"ApproverId\" IS NOT NULL");
            // One staff member's sensitive changes as maker: a busy one has a hundred thousand entries a year, a thousand approved.
            e.HasIndex(x => new { x.ActorId, x.At, x.Sequence }).HasFilter("\"ApproverId\" IS NOT NULL").HasDatabaseName("IX_AuditEntries_ApprovedByActor");
            // Role changes, a few hundred among millions: the report's query names the same actions in the same order, so the
            // database sees this index answers it, whatever its statistics say of how common an action is.
            e.HasIndex(x => new { x.At, x.Sequence }, "IX_AuditEntries_RoleChanges")
                .HasFilter($"\"Action\" IN ({string.Join(", ", Reports.Access.PermissionReportHandler.RoleChangeActions.Select(a => $"'{a}'"))})");
        });
        b.Entity<OperationalAlert>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Kind).HasMaxLength(80);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.Kind });
            // The abnormal events report: the alerts of a range, in the order they were raised.
            e.HasIndex(x => x.RaisedAt);
        });
        b.Entity<WebhookSubscription>(e =>
        {
            e.Property(x => x.Url).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<OutboxMessage>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.EventType).HasMaxLength(80);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });
        Accounts.AccountsModel.Configure(b);
        Kyc.KycModel.Configure(b);
        Kyc.Verification.VerificationModel.Configure(b);
        Kyc.Monitoring.MonitoringModel.Configure(b);
        Kyc.Screening.ScreeningModel.Configure(b);
        Funds.Ledger.LedgerModel.Configure(b);
        Funds.FundsModel.Configure(b);
        Core.Partners.PartnersModel.Configure(b);
        Reports.ReportsModel.Configure(b);
        Reports.Facts.ReportFactsModel.Configure(b);
    }

    /// <summary>The caches whose data this context saved a change to (who may do what, the monitoring settings); emptied again after the commit.</summary>
    internal SharedCaches ChangedCaches { get; set; }

    /// <summary>
    /// After the commit of what this context saved: the caches it changed are emptied once more, since a reader on another
    /// context may have cached the committed rows of before between the save and the commit.
    /// </summary>
    internal void InvalidateChangedCaches()
    {
        Invalidate(ChangedCaches);
        ChangedCaches = SharedCaches.None;
    }

    private static void Invalidate(SharedCaches caches)
    {
        if (caches.HasFlag(SharedCaches.Access)) Staff.Access.AccessCache.Invalidate();
        if (caches.HasFlag(SharedCaches.Monitoring)) Kyc.Monitoring.MonitoringSettingsCache.Invalidate();
        if (caches.HasFlag(SharedCaches.PaymentChannels)) Funds.Channels.PaymentChannelCache.Invalidate();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = BumpVersions();
        // The pipeline's final save of a command: its changes are already captured, so plain new and changed rows are
        // written with prepared statements kept on the connection instead of EF Core's update pipeline, whose batching,
        // ordering and SQL generation cost more than the statements themselves.
        if (acceptAllChangesOnSuccess && CaptureInto?.Current is { Sealed: true } && DirectSave.Order(changed) is { } ordered)
        {
            await DirectSave.WriteAsync(this, ordered, cancellationToken);
            ChangeTracker.AcceptAllChanges();
            AfterSave();
            return ordered.Count;
        }
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        AfterSave();
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        _ = BumpVersions();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        AfterSave();
        return saved;
    }

    /// <summary>Outside a transaction the change is committed now; inside one, the transaction stage invalidates after its commit.</summary>
    private void AfterSave()
    {
        if (ChangedCaches != SharedCaches.None && Database.CurrentTransaction is null)
            InvalidateChangedCaches();
    }

    /// <summary>
    /// One pass over the tracked entries (each pass may run change detection): guard the trail, bump versions, notice access
    /// changes. Returns the entries to be saved.
    /// </summary>
    private List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> BumpVersions()
    {
        var changed = SharedCaches.None;
        var entries = new List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            entries.Add(entry);
            switch (entry.Entity)
            {
                // The audit trail is append-only: nothing in the application may change or remove an entry.
                case Staff.Audit.AuditEntry when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("Audit entries are never updated or deleted.");
                // So is the ledger: a mistake is corrected by another transaction, never by editing one.
                case Funds.Ledger.LedgerTransaction or Funds.Ledger.LedgerEntry when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("Ledger transactions and entries are never updated or deleted.");
                case RolePermission or StaffRole or Microsoft.AspNetCore.Identity.IdentityUserRole<string>:
                    changed |= SharedCaches.Access;
                    break;
                case StaffMember when entry.State != EntityState.Modified
                                      || entry.Property(nameof(StaffMember.Disabled)).IsModified
                                      || entry.Property(nameof(StaffMember.TwoFactorEnabled)).IsModified:
                    changed |= SharedCaches.Access;
                    break;
                case Kyc.Monitoring.MonitoringRuleConfig or Kyc.Risk.CountryRiskEntry or Kyc.Risk.CountryRiskEdition:
                    changed |= SharedCaches.Monitoring;
                    break;
                case Funds.Channels.PaymentChannel:
                    changed |= SharedCaches.PaymentChannels;
                    break;
            }
            // Through the entry, not the entity: the final save of a command runs with automatic change detection off.
            if (entry.State == EntityState.Modified && entry.Entity is IVersioned versioned)
                entry.Property(nameof(IVersioned.Version)).CurrentValue = versioned.Version + 1;
        }
        if (changed != SharedCaches.None)
        {
            ChangedCaches |= changed;
            Invalidate(changed); // readers during the transaction must not cache what is about to change
        }
        return entries;
    }
}

/// <summary>Data kept between commands by caches that a saved change to it must empty.</summary>
[Flags]
internal enum SharedCaches
{
    None = 0,

    /// <summary>Roles, role permissions, role assignments, a member's disabled or two-factor state: <see cref="Staff.Access.AccessCache"/>.</summary>
    Access = 1,

    /// <summary>Monitoring rules, the country risk list and its edition: <see cref="Kyc.Monitoring.MonitoringSettingsCache"/>.</summary>
    Monitoring = 2,

    /// <summary>Payment channels: <see cref="Funds.Channels.PaymentChannelCache"/>.</summary>
    PaymentChannels = 4,
}
