using System.Reflection;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff.Audit;
using BackOffice.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BackOffice.Core.Common.Pipeline;

/// <summary>
/// Records, on every save inside a command, what each changed row looked like before and
/// after, so the audit entry shows the change without handlers describing it themselves.
/// </summary>
internal static class ChangeCapture
{
    // Identity's secrets and the trail's own bookkeeping never go into an audit entry.
    private static readonly HashSet<string> SecretNames =
    [
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "LastTotpStep", "Version", "NormalizedUserName", "NormalizedEmail", "NormalizedName",
    ];

    private static readonly HashSet<Type> Untracked = [typeof(AuditEntry), typeof(OutboxMessage)];

    public static void Capture(BackOfficeDb db, AuditFrame frame)
    {
        db.ChangeTracker.DetectChanges();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false; // detected once above
        try
        {
            CaptureDetected(db, frame);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static void CaptureDetected(BackOfficeDb db, AuditFrame frame)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (Untracked.Contains(type) || Summarised(type, entry.State)) continue;
            if (type.Name.StartsWith("IdentityUserToken", StringComparison.Ordinal)) continue; // authenticator keys

            var id = KeyOf(entry);
            if (!frame.Changes.TryGetValue(entry.Entity, out var change))
            {
                change = new EntityChange(FriendlyName(type), id, entry.State.ToString()) { Entry = entry };
                frame.Changes[entry.Entity] = change;
                if (entry.State != EntityState.Added)
                    change.Before = Values(entry, original: true, onlyModified: entry.State == EntityState.Modified);
            }
            else if (entry.State == EntityState.Deleted)
            {
                change.State = change.State == "Added" ? "Transient" : "Deleted";
            }

            if (entry.State == EntityState.Modified && change.Before is not null)
            {
                foreach (var p in entry.Properties.Where(p => p.IsModified && !change.Before.ContainsKey(p.Metadata.Name)))
                    if (Writable(entry, p))
                        change.Before[p.Metadata.Name] = Mask(entry, p, p.OriginalValue);
            }
            change.After = entry.State == EntityState.Deleted ? null : Values(entry, original: false, onlyModified: change.State == "Modified", merge: change.After);
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, AuditedAsSummaryAttribute?> Summaries = new();

    private static bool Summarised(Type type, EntityState state) =>
        Summaries.GetOrAdd(type, t => t.GetCustomAttribute<AuditedAsSummaryAttribute>(false)) is { } summary
        && (!summary.InsertsOnly || state == EntityState.Added);

    private static string KeyOf(EntityEntry entry) =>
        string.Join('/', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));

    /// <summary>
    /// After the command's rows are saved: rows added in the command get the keys the database gave them, and the
    /// recorded "after" values the save can change (keys, references to other rows, values the database makes) are read
    /// again, so references to those rows carry their real ids rather than placeholders.
    /// </summary>
    public static void ResolveKeys(AuditFrame frame)
    {
        foreach (var change in frame.Changes.Values)
        {
            if (change.Entry is not { } entry || entry.State is EntityState.Detached or EntityState.Deleted) continue;
            change.EntityId = KeyOf(entry);
            if (change.After is not { } after) continue;
            foreach (var property in SetBySave.GetOrAdd(entry.Metadata, SetBySaveOf))
                if (after.ContainsKey(property.Name))
                {
                    var p = entry.Property(property.Name);
                    after[property.Name] = Mask(entry, p, p.CurrentValue);
                }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, IProperty[]> SetBySave = new();

    /// <summary>The properties whose value a save may set: keys, foreign keys (a new principal's key) and values the database makes.</summary>
    private static IProperty[] SetBySaveOf(IEntityType type) =>
        [.. type.GetProperties().Where(p => p.IsKey() || p.IsForeignKey() || p.ValueGenerated != ValueGenerated.Never)];

    private static string FriendlyName(Type type) => type.Name switch
    {
        "IdentityUserRole`1" => "StaffRoleAssignment",
        _ => type.Name,
    };

    private static Dictionary<string, object?> Values(EntityEntry entry, bool original, bool onlyModified, Dictionary<string, object?>? merge = null)
    {
        var audited = Audited.GetOrAdd(entry.Metadata, AuditedOf);
        var values = merge ?? new Dictionary<string, object?>(audited.Length);
        var source = original ? entry.OriginalValues : entry.CurrentValues;
        foreach (var (property, sensitive) in audited)
        {
            if (onlyModified && !entry.Property(property).IsModified) continue;
            values[property.Name] = Mask(sensitive, source[property]);
        }
        return values;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IEntityType, (IProperty Property, bool Sensitive)[]> Audited = new();

    /// <summary>A type's properties an audit entry shows (secrets left out), and whether each is masked.</summary>
    private static (IProperty Property, bool Sensitive)[] AuditedOf(IEntityType type) =>
        [.. type.GetProperties().Select(p => (p, Marks: MarksOf(p))).Where(x => !SecretNames.Contains(x.p.Name) && !x.Marks.Secret).Select(x => (x.p, x.Marks.Sensitive))];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, (bool Secret, bool Sensitive)> Marks = new();

    private static (bool Secret, bool Sensitive) MarksOf(PropertyEntry p) => MarksOf(p.Metadata);

    private static (bool Secret, bool Sensitive) MarksOf(IPropertyBase p) => p.PropertyInfo is not { } info
        ? (false, false)
        : Marks.GetOrAdd(info, i => (i.GetCustomAttribute<SecretAttribute>() is not null, i.GetCustomAttribute<SensitiveAttribute>() is not null));

    private static bool Writable(EntityEntry entry, PropertyEntry p) => !SecretNames.Contains(p.Metadata.Name) && !MarksOf(p).Secret;

    private static object? Mask(EntityEntry entry, PropertyEntry p, object? value) => Mask(MarksOf(p).Sensitive, value);

    private static object? Mask(bool sensitive, object? value)
    {
        if (value is null || !sensitive) return value;
        var text = value.ToString() ?? "";
        return text.Length <= 4 ? "****" : new string('*', text.Length - 4) + text[^4..];
    }
}
