using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Clients;

/// <summary>Client numbers and platform logins: one atomic increment inside the command's transaction.</summary>
public static class Sequences
{
    public const string ClientNumber = "client";
    public const string LiveLogin = "login.live";
    public const string DemoLogin = "login.demo";
    public const string SuspiciousActivityReport = "sar";
    public const string Deposit = "deposit";
    public const string Withdrawal = "withdrawal";
    public const string Correction = "correction";
    public const string Transfer = "transfer";

    public static readonly IReadOnlyDictionary<string, long> Starts = new Dictionary<string, long>
    {
        [ClientNumber] = 100_001,
        [LiveLogin] = 5_000_001,
        [DemoLogin] = 9_000_001,
        [SuspiciousActivityReport] = 1,
        [Deposit] = 100_001,
        [Withdrawal] = 100_001,
        [Correction] = 100_001,
        [Transfer] = 100_001,
    };

    public static async Task<long> NextAsync(BackOfficeDb db, string name, CancellationToken ct)
    {
        var taken = await db.Database
            .SqlQueryRaw<long>("UPDATE \"NumberSequences\" SET \"Next\" = \"Next\" + 1 WHERE \"Name\" = {0} RETURNING \"Next\" - 1 AS \"Value\"", name)
            .ToListAsync(ct);
        if (taken.Count == 1) return taken[0];
        var start = Starts[name];
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"NumberSequences\" (\"Name\", \"Next\") VALUES ({0}, {1})", [name, start + 1], ct);
        return start;
    }
}
