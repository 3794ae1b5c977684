using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

public enum DisputeStatus
{
    Open,

    /// <summary>Settled with an adjustment posted to the partner's commission account.</summary>
    Adjusted,

    Rejected,
}

/// <summary>A partner's challenge of commission lines (or of a period): why, with the evidence, and how it ended.</summary>
public sealed class CommissionDispute : IVersioned
{
    public long Id { get; set; }
    public long PartnerId { get; set; }
    public DateTime PeriodFrom { get; set; }
    public DateTime PeriodTo { get; set; }

    /// <summary>The disputed lines' ids, comma-separated (empty: the whole period).</summary>
    public string LineIds { get; set; } = "";

    public string Reason { get; set; } = "";
    public string? Evidence { get; set; }
    public DisputeStatus Status { get; set; }
    public DateTime OpenedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? Resolution { get; set; }
    public long? AdjustmentMinor { get; set; }
    public string Currency { get; set; } = "USD";
    public long? LedgerTransactionId { get; set; }
    public long Version { get; set; }
}

/// <summary>A partner disputes lines of its commission, or a whole period.</summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record OpenCommissionDispute(long PartnerId, DateTime PeriodFrom, DateTime PeriodTo, IReadOnlyList<long> LineIds, string Reason, string? Evidence)
    : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"Dispute of partner {PartnerId} over {(LineIds.Count == 0 ? "its commission" : $"{LineIds.Count} commission lines")} of {PeriodFrom:yyyy-MM-dd} – {PeriodTo:yyyy-MM-dd}";
}

/// <summary>A dispute is settled by an adjustment (positive: owed to the partner; negative: clawed back), posted once a second manager approves.</summary>
[RequiresPermission(PartnerPermissions.Manage)]
[FourEyes(PartnerPermissions.Approve)]
public sealed record AdjustCommissionDispute(long DisputeId, decimal Amount, string Reason) : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"Settle commission dispute {DisputeId} with an adjustment of {Amount:0.00}";
}

/// <summary>A dispute is rejected, with the reason the partner is given.</summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record RejectCommissionDispute(long DisputeId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Reject commission dispute {DisputeId}";
}

public sealed class OpenCommissionDisputeValidator : AbstractValidator<OpenCommissionDispute>
{
    public OpenCommissionDisputeValidator()
    {
        RuleFor(x => x.PeriodTo).GreaterThan(x => x.PeriodFrom).WithMessage("The period ends after it starts.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say what is disputed.").MaximumLength(1000);
        RuleFor(x => x.Evidence).MaximumLength(2000);
        RuleFor(x => x.LineIds).Must(l => l.Count <= 500).WithMessage("A dispute names at most 500 lines; dispute the period instead.");
    }
}

public sealed class AdjustCommissionDisputeValidator : AbstractValidator<AdjustCommissionDispute>
{
    public AdjustCommissionDisputeValidator()
    {
        RuleFor(x => x.Amount).NotEqual(0).WithMessage("An adjustment moves some money; reject the dispute instead.")
            .InclusiveBetween(-1_000_000, 1_000_000).WithMessage("An adjustment is at most 1,000,000 either way.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
    }
}

public sealed class RejectCommissionDisputeValidator : AbstractValidator<RejectCommissionDispute>
{
    public RejectCommissionDisputeValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class AdjustCommissionDisputePrecheck(BackOfficeDb db) : ICommandPrecheck<AdjustCommissionDispute>
{
    public async ValueTask<Error?> CheckAsync(AdjustCommissionDispute command, CancellationToken ct)
    {
        var dispute = await db.CommissionDisputes.AsNoTracking().FirstOrDefaultAsync(d => d.Id == command.DisputeId, ct);
        if (dispute is null) return Error.NotFound("The dispute");
        if (CommissionDisputeHandlers.Closed(dispute) is { } closed) return closed;
        var prefix = $"Settle commission dispute {dispute.Id} ";
        return await db.PendingOperations.AnyAsync(o => o.Summary.StartsWith(prefix) && o.Status == Staff.FourEyes.PendingOperationStatus.Pending, ct)
            ? Error.Conflict($"An adjustment of dispute {dispute.Id} is already waiting for a second manager.")
            : null;
    }
}

public sealed class CommissionDisputeHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context) :
    ICommandHandler<OpenCommissionDispute, Result<long>>,
    ICommandHandler<AdjustCommissionDispute, Result<long>>,
    ICommandHandler<RejectCommissionDispute, Result>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static Error? Closed(CommissionDispute d) => d.Status == DisputeStatus.Open
        ? null
        : Error.Conflict($"Dispute {d.Id} is already {d.Status.ToString().ToLowerInvariant()} (by {d.DecidedBy}, {d.DecidedAt:yyyy-MM-dd HH:mm} UTC).");

    public async ValueTask<Result<long>> Handle(OpenCommissionDispute command, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PartnerId, ct);
        if (partner is null) return Error.NotFound("The partner");
        var ids = command.LineIds.Distinct().ToList();
        if (ids.Count > 0)
        {
            var lines = await CommissionLineStore.FindAsync(db, ids, ct);
            if (lines.Count != ids.Count) return Error.Rule("dispute.unknown_line", $"Line {ids.Except(lines.Select(l => l.Id)).First()} does not exist.");
            if (lines.FirstOrDefault(l => l.PartnerId != partner.Id) is { } other)
                return Error.Rule("dispute.other_partner", $"Line {other.Id} is another partner's commission; {partner.Code} can dispute only its own.");
        }
        var dispute = new CommissionDispute
        {
            PartnerId = partner.Id, PeriodFrom = command.PeriodFrom, PeriodTo = command.PeriodTo, LineIds = string.Join(",", ids), Reason = command.Reason.Trim(),
            Evidence = command.Evidence?.Trim(), Status = DisputeStatus.Open, OpenedAt = Now, OpenedBy = context.Actor.Name,
        };
        db.CommissionDisputes.Add(dispute);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(CommissionDispute), dispute.Id.ToString());
        effects.Touch(PartnerCounters.OpenDisputes);
        effects.Publish("ib.dispute_opened", new { disputeId = dispute.Id, partnerId = partner.Id, code = partner.Code, lines = ids.Count, reason = dispute.Reason });
        return dispute.Id;
    }

    public async ValueTask<Result<long>> Handle(AdjustCommissionDispute command, CancellationToken ct)
    {
        var dispute = await db.CommissionDisputes.FirstOrDefaultAsync(d => d.Id == command.DisputeId, ct);
        if (dispute is null) return Error.NotFound("The dispute");
        if (Closed(dispute) is { } closed) return closed;
        var amount = Money.From(Math.Abs(command.Amount), dispute.Currency);
        if (!amount.Succeeded) return amount.Error!;
        var payable = CommissionRuns.PayableAccount(dispute.PartnerId);
        var posting = command.Amount > 0
            ? LedgerPosting.Transfer("ib.adjustment", $"DSP-{dispute.Id}", CommissionRuns.ExpenseAccount, payable, amount.Value, command.Reason.Trim())
            : LedgerPosting.Transfer("ib.adjustment", $"DSP-{dispute.Id}", payable, CommissionRuns.ExpenseAccount, amount.Value, command.Reason.Trim());
        var posted = await LedgerBook.PostAsync(db, posting.Value!, context.Actor.Name, Now, ct);
        if (!posted.Succeeded) return posted.Error!;
        Decide(dispute, DisputeStatus.Adjusted, $"Adjusted by {(command.Amount > 0 ? "+" : "−")}{amount.Value}: {command.Reason.Trim()}");
        dispute.AdjustmentMinor = command.Amount > 0 ? amount.Value.Minor : -amount.Value.Minor;
        dispute.LedgerTransactionId = posted.Value!.TransactionId;
        effects.Publish("ib.dispute_resolved", new { disputeId = dispute.Id, partnerId = dispute.PartnerId, outcome = "adjusted", adjustment = command.Amount, currency = dispute.Currency });
        return posted.Value.TransactionId;
    }

    public async ValueTask<Result> Handle(RejectCommissionDispute command, CancellationToken ct)
    {
        var dispute = await db.CommissionDisputes.FirstOrDefaultAsync(d => d.Id == command.DisputeId, ct);
        if (dispute is null) return Error.NotFound("The dispute");
        if (Closed(dispute) is { } closed) return closed;
        Decide(dispute, DisputeStatus.Rejected, command.Reason.Trim());
        effects.Publish("ib.dispute_resolved", new { disputeId = dispute.Id, partnerId = dispute.PartnerId, outcome = "rejected", reason = dispute.Resolution });
        return Result.Ok();
    }

    private void Decide(CommissionDispute dispute, DisputeStatus status, string resolution)
    {
        dispute.Status = status;
        dispute.Resolution = resolution.Length > 500 ? resolution[..500] : resolution;
        dispute.DecidedAt = Now;
        dispute.DecidedBy = context.ActedBy;
        effects.About(nameof(CommissionDispute), dispute.Id.ToString());
        effects.Touch(PartnerCounters.OpenDisputes);
    }
}
