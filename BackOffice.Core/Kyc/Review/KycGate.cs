using BackOffice.Core.Accounts;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Review;

/// <summary>What other modules ask before letting money or risk move.</summary>
public enum GatedFunction
{
    Withdraw,

    /// <summary>Higher leverage, new instruments, large transfers: anything the broker reserves for fully verified clients.</summary>
    HighRiskFunctions,
}

public sealed record GateAnswer(bool Allowed, IReadOnlyList<string> Reasons)
{
    public string Explain() => Allowed ? "Allowed." : "Not allowed: " + string.Join("; ", Reasons) + ".";
}

/// <summary>
/// The one answer to "may this client withdraw / use high-risk functions, and if not why": the
/// status and its capabilities, KYC complete (required documents accepted and in date), and
/// enhanced due diligence signed off where it is needed.
/// </summary>
[RequiresPermission(AccountsPermissions.View)]
public sealed record GetKycGate(long ClientId, GatedFunction Function) : IBackOfficeQuery<GateAnswer>;

public sealed class GetKycGateHandler(BackOfficeDb db, TimeProvider clock) : IQueryHandler<GetKycGate, GateAnswer>
{
    public async ValueTask<GateAnswer> Handle(GetKycGate query, CancellationToken ct) => await KycGate.CheckAsync(db, query.ClientId, query.Function, clock, ct);
}

public static class KycGate
{
    public static async Task<GateAnswer> CheckAsync(BackOfficeDb db, long clientId, GatedFunction function, TimeProvider clock, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null) return new(false, ["the client was not found"]);
        var reasons = new List<string>();
        if (client.Status != ClientStatus.Approved)
            reasons.Add($"the client is {client.Status.Describe()}{(client.RestrictionCategory is { } category ? $" ({category.Describe()})" : "")}");
        if (function == GatedFunction.Withdraw)
        {
            var withdraw = ClientCapabilities.Evaluate(client, await ClientCapabilities.MatrixAsync(db, ct)).First(a => a.Capability == Capability.Withdraw);
            if (!withdraw.Allowed && client.Status == ClientStatus.Approved) reasons.Add(withdraw.Why);
        }
        var checks = await KycApproval.ChecksAsync(db, client, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        reasons.AddRange(checks.Where(c => !c.Passed).Select(c => $"{c.Name.ToLowerInvariant()}: {c.Detail}"));
        return new(reasons.Count == 0, reasons);
    }
}
