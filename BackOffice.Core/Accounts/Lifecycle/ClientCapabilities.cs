using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Lifecycle;

/// <summary>One capability of one client, with the sentence that explains it.</summary>
public sealed record CapabilityAnswer(Capability Capability, bool Allowed, string Why);

/// <summary>
/// Answers "what can this client do, and why not?" from the status matrix (data) and, for a
/// restricted client, what the restriction still allows.
/// </summary>
public static class ClientCapabilities
{
    public static async Task<Dictionary<(ClientStatus, Capability), bool>> MatrixAsync(BackOfficeDb db, CancellationToken ct) =>
        await db.StatusCapabilities.AsNoTracking().ToDictionaryAsync(x => (x.Status, x.Capability), x => x.Allowed, ct);

    /// <param name="forClient">
    /// Words for the client portal and the CRM: no restriction category and no staff reason, which
    /// could tip off a client under review (e.g. a suspicion of money laundering).
    /// </param>
    public static IReadOnlyList<CapabilityAnswer> Evaluate(Client client, IReadOnlyDictionary<(ClientStatus, Capability), bool> matrix, bool forClient = false)
    {
        var answers = new List<CapabilityAnswer>();
        foreach (var capability in Enum.GetValues<Capability>())
        {
            var byStatus = matrix.GetValueOrDefault((client.Status, capability));
            if (client.Status == ClientStatus.Restricted && !(byStatus && client.RestrictionAllowances.Contains(capability)))
            {
                // The restriction itself is the answer staff need: its category, since when, why, and what it still allows.
                var allows = client.RestrictionAllowances.Where(c => matrix.GetValueOrDefault((ClientStatus.Restricted, c))).Select(c => c.Describe()).ToList();
                if (forClient)
                {
                    answers.Add(new(capability, false, "No: the account is restricted. While it is, the client can " +
                        (allows.Count == 0 ? "do nothing." : string.Join(", ", allows) + ".")));
                    continue;
                }
                answers.Add(new(capability, false,
                    $"No: the client is restricted ({client.RestrictionCategory?.Describe() ?? "no category"}{Since(client)}" +
                    (client.StatusReason is { Length: > 0 } r ? $": \"{r}\"" : "") +
                    $"). This restriction allows only: {(allows.Count == 0 ? "nothing" : string.Join(", ", allows))}."));
                continue;
            }
            if (!byStatus)
            {
                var where = Enum.GetValues<ClientStatus>().Where(s => matrix.GetValueOrDefault((s, capability))).Select(s => s.Describe()).ToList();
                var opens = where.Count == 0 ? "no status allows it in the current matrix" : $"it is open to {string.Join(" and ", where)} clients";
                if (forClient)
                {
                    answers.Add(new(capability, false, $"No: the account is {client.Status.Describe()}; {opens}."));
                    continue;
                }
                answers.Add(new(capability, false,
                    $"No: the client is {client.Status.Describe()}{Since(client)}, and clients who are {client.Status.Describe()} cannot {capability.Describe()}; {opens}."));
                continue;
            }
            answers.Add(new(capability, true, $"Yes: clients who are {client.Status.Describe()} can {capability.Describe()}."));
        }
        return answers;
    }

    private static string Since(Client c) => $", since {c.StatusChangedAt:yyyy-MM-dd}";

    /// <summary>The rights the platform must hold for an account of this client.</summary>
    public static PlatformRights RightsFor(Client client, IReadOnlyList<CapabilityAnswer> capabilities, bool isDemo)
    {
        if (client.Status == ClientStatus.Closed) return PlatformRights.Closed;
        // A demo account carries no money and no regulatory risk: it trades until the relationship closes.
        if (isDemo) return new PlatformRights(true, TradingMode.Full);
        bool Can(Capability c) => capabilities.Any(a => a.Capability == c && a.Allowed);
        var mode = Can(Capability.OpenPositions) ? TradingMode.Full : Can(Capability.ClosePositions) ? TradingMode.CloseOnly : TradingMode.Disabled;
        return new PlatformRights(true, mode);
    }
}
