using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Kyc.Risk;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Withdrawals;

public sealed record PolicyRow(decimal FromUsd, decimal? BelowUsd, RiskLevel? Risk, ChannelKind? Kind, ApprovalLevel Level);

/// <summary>The approval policy as it stands, most specific rows first.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record GetApprovalPolicy : IBackOfficeQuery<IReadOnlyList<ApprovalPolicyRule>>;

/// <summary>
/// Replaces the approval policy table as a whole. Four-eyes: who approves withdrawals is itself a control, so a second
/// person with the same permission approves the change before it applies to new requests.
/// </summary>
[RequiresPermission(FundsPermissions.Policy)]
[FourEyes(FundsPermissions.Policy)]
public sealed record ReplaceApprovalPolicy(IReadOnlyList<PolicyRow> Rows, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => "Replace the withdrawal approval policy: " + string.Join("; ", Rows.Select(r =>
        new ApprovalPolicyRule { FromUsd = r.FromUsd, BelowUsd = r.BelowUsd, Risk = r.Risk, Kind = r.Kind, Level = r.Level }.Describe()));
}

public sealed class ReplaceApprovalPolicyValidator : AbstractValidator<ReplaceApprovalPolicy>
{
    public ReplaceApprovalPolicyValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
        RuleFor(x => x.Rows).NotEmpty().WithMessage("The policy needs at least one row.");
        RuleForEach(x => x.Rows).Must(r => r.FromUsd >= 0 && (r.BelowUsd is null || r.BelowUsd > r.FromUsd))
            .WithMessage("Each row's band runs from zero or more up to a larger amount (or no upper bound).");
        // Every amount must be covered for a client of any risk through any method: a gap would fall back to L1 silently.
        RuleFor(x => x.Rows).Must(rows => rows.Any(r => r.Risk is null && r.Kind is null && r.FromUsd == 0)
                                          && Covered(rows.Where(r => r.Risk is null && r.Kind is null).ToList()))
            .WithMessage("The rows naming no risk level and no method must cover every amount from 0 with no gap.");
    }

    private static bool Covered(List<PolicyRow> general)
    {
        decimal reached = 0;
        foreach (var row in general.OrderBy(r => r.FromUsd))
        {
            if (row.FromUsd > reached) return false;
            if (row.BelowUsd is null) return true;
            reached = Math.Max(reached, row.BelowUsd.Value);
        }
        return false;
    }
}

public sealed class ApprovalPolicyHandlers(BackOfficeDb db, Effects effects) :
    IQueryHandler<GetApprovalPolicy, IReadOnlyList<ApprovalPolicyRule>>, ICommandHandler<ReplaceApprovalPolicy, Result>
{
    public async ValueTask<IReadOnlyList<ApprovalPolicyRule>> Handle(GetApprovalPolicy query, CancellationToken ct) =>
        (await db.ApprovalPolicyRules.AsNoTracking().ToListAsync(ct))
        .OrderBy(r => r.Risk is null && r.Kind is null).ThenBy(r => r.FromUsd).ThenBy(r => r.Level).ToList();

    public async ValueTask<Result> Handle(ReplaceApprovalPolicy command, CancellationToken ct)
    {
        db.ApprovalPolicyRules.RemoveRange(await db.ApprovalPolicyRules.ToListAsync(ct));
        db.ApprovalPolicyRules.AddRange(command.Rows.Select(r => new ApprovalPolicyRule
        {
            FromUsd = r.FromUsd, BelowUsd = r.BelowUsd, Risk = r.Risk, Kind = r.Kind, Level = r.Level,
        }));
        effects.About(nameof(ApprovalPolicyRule), "policy");
        return Result.Ok();
    }
}
