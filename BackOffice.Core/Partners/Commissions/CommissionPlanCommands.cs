using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>One rate as typed on the plan editor (a CPA's rate is its amount, with its minimum first deposit and/or minimum lots).</summary>
public sealed record RuleInput(string SymbolGroup, string AccountType, int Level, CommissionKind Kind, decimal Rate, decimal? PipValue = null,
    decimal? MinimumDeposit = null, decimal? MinimumLots = null);

/// <summary>The terms of a new plan version.</summary>
public sealed record TermsInput(DateTime EffectiveFrom, int MinimumHoldSeconds, bool HedgeCountedOnce, CommissionRounding Rounding, string Note,
    IReadOnlyList<RuleInput> Rules);

/// <summary>A new commission plan with its first version.</summary>
[RequiresPermission(PartnerPermissions.Plans)]
public sealed record CreateCommissionPlan(string Code, string Name, string Currency, TermsInput Terms) : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"Create commission plan {Code}";

    string? IDescribedCommand.Reason => Terms.Note;
}

/// <summary>A plan's terms change from a date: a new version, the previous one ending where it starts.</summary>
[RequiresPermission(PartnerPermissions.Plans)]
public sealed record AddPlanVersion(long PlanId, TermsInput Terms) : IBackOfficeCommand<Result<int>>, IDescribedCommand
{
    public string Describe() => $"New version of commission plan {PlanId} from {Terms.EffectiveFrom:yyyy-MM-dd HH:mm} UTC";

    string? IDescribedCommand.Reason => Terms.Note;
}

/// <summary>A partner earns under a plan from a date (the plan it had before ends there).</summary>
[RequiresPermission(PartnerPermissions.Plans)]
public sealed record AssignCommissionPlan(long PartnerId, string PlanCode, DateTime EffectiveFrom) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Partner {PartnerId} earns under plan {PlanCode} from {EffectiveFrom:yyyy-MM-dd HH:mm} UTC";

    string? IDescribedCommand.Reason => null;
}

/// <summary>The limits of a sane rate, per kind.</summary>
public static class RateLimits
{
    public static decimal MaxFor(CommissionKind kind) => kind switch
    {
        CommissionKind.PerLot => 500m,
        CommissionKind.SpreadPips => 50m,
        CommissionKind.Cpa => 10_000m,
        _ => 100m,
    };

    public static string Unit(CommissionKind kind) => kind switch
    {
        CommissionKind.PerLot => "per lot",
        CommissionKind.SpreadPips => "pips",
        CommissionKind.Cpa => "per client",
        _ => "%",
    };
}

public sealed class TermsInputValidator : AbstractValidator<TermsInput>
{
    public TermsInputValidator()
    {
        RuleFor(x => x.MinimumHoldSeconds).InclusiveBetween(0, 86_400).WithMessage("The minimum holding time is 0 to 86,400 seconds (a day).");
        RuleFor(x => x.Note).NotEmpty().WithMessage("Say what this version is for.").MaximumLength(300);
        RuleFor(x => x.Rules).NotEmpty().WithMessage("A plan version pays something: add at least one rate.");
        RuleForEach(x => x.Rules).ChildRules(r =>
        {
            r.RuleFor(x => x.SymbolGroup).Must(SymbolGroups.IsKnown).WithMessage(x => $"{x.SymbolGroup} is not a symbol group.");
            r.RuleFor(x => x.AccountType).NotEmpty().MaximumLength(40);
            r.RuleFor(x => x.Level).InclusiveBetween(1, 10).WithMessage("Levels run from 1 (the client's own partner) to 10.");
            r.RuleFor(x => x.Rate).GreaterThanOrEqualTo(0).WithMessage("A rate cannot be negative.")
                .Must((x, rate) => rate <= RateLimits.MaxFor(x.Kind))
                .WithMessage(x => $"{x.Rate} {RateLimits.Unit(x.Kind)} is beyond the sane limit of {RateLimits.MaxFor(x.Kind)} {RateLimits.Unit(x.Kind)}.");
            r.RuleFor(x => x.PipValue).NotNull().GreaterThan(0).LessThanOrEqualTo(1000).When(x => x.Kind == CommissionKind.SpreadPips)
                .WithMessage("A spread rule states the value of a pip on one lot (more than 0, at most 1,000).");
            r.RuleFor(x => x.SymbolGroup).Equal(SymbolGroups.Any).When(x => x.Kind == CommissionKind.Cpa)
                .WithMessage("A CPA is paid per client, not per symbol: its symbol group is *.");
            r.RuleFor(x => x.MinimumDeposit).Must((x, _) => x.MinimumDeposit is not null || x.MinimumLots is not null).When(x => x.Kind == CommissionKind.Cpa)
                .WithMessage("A CPA states when a client qualifies: a minimum first deposit, a minimum of lots closed, or both.");
            r.RuleFor(x => x.MinimumDeposit).InclusiveBetween(0, 1_000_000).When(x => x.Kind == CommissionKind.Cpa && x.MinimumDeposit is not null)
                .WithMessage("A minimum first deposit is 0 to 1,000,000.");
            r.RuleFor(x => x.MinimumLots).GreaterThan(0).LessThanOrEqualTo(100_000).When(x => x.Kind == CommissionKind.Cpa && x.MinimumLots is not null)
                .WithMessage("A minimum of lots closed is more than 0 and at most 100,000.");
        });
        RuleFor(x => x.Rules).Must(rules => rules.GroupBy(r => (r.SymbolGroup, r.AccountType.ToUpperInvariant(), r.Level, r.Kind)).All(g => g.Count() == 1))
            .WithMessage("Two rates are written for the same symbol group, account type, level and kind.");
    }
}

public sealed class CreateCommissionPlanValidator : AbstractValidator<CreateCommissionPlan>
{
    public CreateCommissionPlanValidator()
    {
        RuleFor(x => x.Code).Must(PartnerCode.IsValid).WithMessage("A plan code is 3 to 20 letters, digits or dashes.");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the plan.").MaximumLength(120);
        RuleFor(x => x.Currency).Must(c => Currencies.Find(c) is not null).WithMessage(x => $"{x.Currency} is not a currency we handle.");
        RuleFor(x => x.Terms).SetValidator(new TermsInputValidator());
    }
}

public sealed class AddPlanVersionValidator : AbstractValidator<AddPlanVersion>
{
    public AddPlanVersionValidator() => RuleFor(x => x.Terms).SetValidator(new TermsInputValidator());
}

public sealed class CommissionPlanHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context) :
    ICommandHandler<CreateCommissionPlan, Result<long>>,
    ICommandHandler<AddPlanVersion, Result<int>>,
    ICommandHandler<AssignCommissionPlan, Result>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async ValueTask<Result<long>> Handle(CreateCommissionPlan command, CancellationToken ct)
    {
        var code = PartnerCode.Normalise(command.Code);
        if (await db.CommissionPlans.AnyAsync(p => p.Code == code, ct)) return Error.Conflict($"There is already a plan {code}.");
        if (await UnknownAccountTypeAsync(command.Terms, ct) is { } unknown) return unknown;
        var plan = new CommissionPlan
        {
            Code = code, Name = command.Name.Trim(), Currency = command.Currency.Trim().ToUpperInvariant(), CreatedAt = Now, CreatedBy = context.Actor.Name,
        };
        db.CommissionPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        db.CommissionPlanVersions.Add(VersionOf(plan.Id, 1, command.Terms));
        effects.About(nameof(CommissionPlan), plan.Id.ToString());
        return plan.Id;
    }

    public async ValueTask<Result<int>> Handle(AddPlanVersion command, CancellationToken ct)
    {
        var plan = await db.CommissionPlans.FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
        if (plan is null) return Error.NotFound("The commission plan");
        if (await UnknownAccountTypeAsync(command.Terms, ct) is { } unknown) return unknown;
        var latest = await db.CommissionPlanVersions.Where(v => v.PlanId == plan.Id).OrderByDescending(v => v.Number).FirstAsync(ct);
        var from = command.Terms.EffectiveFrom;
        if (from <= latest.EffectiveFrom)
            return Error.Rule("plan.overlap",
                $"Version {latest.Number} of {plan.Code} starts {latest.EffectiveFrom:yyyy-MM-dd HH:mm} UTC; a new version starts after it, so the two never overlap.");
        var computedUpTo = await CommissionRuns.ComputedUpToAsync(db, ct);
        if (computedUpTo is { } upTo && from < upTo)
            return Error.Rule("plan.computed",
                $"Commissions are computed up to {upTo:yyyy-MM-dd HH:mm} UTC; a new version starts then or later, so no computed line changes.");
        latest.EffectiveTo = from;
        var version = VersionOf(plan.Id, latest.Number + 1, command.Terms);
        db.CommissionPlanVersions.Add(version);
        plan.Version++;
        effects.About(nameof(CommissionPlan), plan.Id.ToString());
        return version.Number;
    }

    public async ValueTask<Result> Handle(AssignCommissionPlan command, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PartnerId, ct);
        if (partner is null) return Error.NotFound("The partner");
        if (partner.Status == PartnerStatus.Terminated) return Error.Rule("partner.terminated", $"{partner.Code} is terminated.");
        var code = PartnerCode.Normalise(command.PlanCode);
        var plan = await db.CommissionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);
        if (plan is null) return Error.Rule("plan.unknown", $"There is no plan {code}.");
        var current = await db.PartnerPlanAssignments.FirstOrDefaultAsync(a => a.PartnerId == partner.Id && a.To == null, ct);
        if (current is not null)
        {
            if (current.PlanId == plan.Id) return Error.Conflict($"{partner.Code} already earns under {plan.Code}.");
            if (command.EffectiveFrom <= current.From)
                return Error.Rule("plan.overlap", $"{partner.Code}'s present plan applies from {current.From:yyyy-MM-dd HH:mm} UTC; a new one starts after that.");
        }
        if (await CommissionRuns.ComputedUpToAsync(db, ct) is { } upTo && command.EffectiveFrom < upTo)
            return Error.Rule("plan.computed", $"Commissions are computed up to {upTo:yyyy-MM-dd HH:mm} UTC; a plan change starts then or later.");
        if (current is not null) current.To = command.EffectiveFrom;
        db.PartnerPlanAssignments.Add(new PartnerPlanAssignment { PartnerId = partner.Id, PlanId = plan.Id, From = command.EffectiveFrom, By = context.Actor.Name });
        effects.About(nameof(Partner), partner.Id.ToString());
        return Result.Ok();
    }

    private async Task<Error?> UnknownAccountTypeAsync(TermsInput terms, CancellationToken ct)
    {
        var named = terms.Rules.Select(r => r.AccountType.Trim()).Where(t => t != SymbolGroups.Any).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (named.Count == 0) return null;
        var known = await db.AccountTypes.AsNoTracking().Select(t => t.Name).ToListAsync(ct);
        var unknown = named.FirstOrDefault(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase));
        return unknown is null ? null : Error.Rule("plan.account_type", $"There is no account type {unknown}.");
    }

    private CommissionPlanVersion VersionOf(long planId, int number, TermsInput terms) => new()
    {
        PlanId = planId, Number = number, EffectiveFrom = terms.EffectiveFrom, MinimumHoldSeconds = terms.MinimumHoldSeconds,
        HedgeCountedOnce = terms.HedgeCountedOnce, Rounding = terms.Rounding, Note = terms.Note.Trim(), CreatedAt = Now, CreatedBy = context.Actor.Name,
        Rules = [.. terms.Rules.Select(r => new CommissionRule
        {
            SymbolGroup = r.SymbolGroup, AccountType = r.AccountType.Trim(), Level = r.Level,
            Kind = r.Kind, Rate = r.Rate, PipValue = r.Kind == CommissionKind.SpreadPips ? r.PipValue : null,
            MinimumDeposit = r.Kind == CommissionKind.Cpa ? r.MinimumDeposit : null, MinimumLots = r.Kind == CommissionKind.Cpa ? r.MinimumLots : null,
        })],
    };
}
