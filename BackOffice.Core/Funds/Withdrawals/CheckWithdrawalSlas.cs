using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Funds.Withdrawals;

/// <summary>
/// Alerts once for each withdrawal that has waited at its level (or for its payout) longer than that stage's SLA.
/// Idempotent: a withdrawal is alerted again only when it moves on and breaches the next stage.
/// </summary>
[SystemCommand]
public sealed record CheckWithdrawalSlas : IBackOfficeCommand<Result<int>>;

public sealed class CheckWithdrawalSlasHandler(BackOfficeDb db, Effects effects, TimeProvider clock, IOptions<FundsOptions> options)
    : ICommandHandler<CheckWithdrawalSlas, Result<int>>
{
    public async ValueTask<Result<int>> Handle(CheckWithdrawalSlas command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Withdrawals.Where(w => w.Status == WithdrawalStatus.PendingApproval || w.Status == WithdrawalStatus.Approved).ToListAsync(ct);
        var raised = 0;
        foreach (var w in open)
        {
            // The payout stage is marked as one past L3, so every stage has its own mark.
            var stageMark = w.Status == WithdrawalStatus.Approved ? ApprovalLevel.L3 + 1 : w.NextLevel;
            var stage = w.Status == WithdrawalStatus.Approved ? "Payout" : w.NextLevel.ToString();
            var sla = options.Value.SlaFor(stage);
            if (now - w.WaitingSince <= sla || w.SlaAlertedLevel == stageMark) continue;
            w.SlaAlertedLevel = stageMark;
            raised++;
            AlertKinds.Raise(db, effects, now, AlertKinds.WithdrawalSla, AlertSeverity.Warning,
                $"Withdrawal {w.Reference} ({w.Amount}) has waited {(now - w.WaitingSince).TotalHours:0.#} h "
                + (stage == "Payout" ? "for its payout" : $"for {stage} approval") + $", over the {sla.TotalHours:0} h service level.",
                nameof(Withdrawal), w.Id.ToString());
        }
        if (raised > 0) effects.About(nameof(Withdrawal), "sla");
        return raised;
    }
}
