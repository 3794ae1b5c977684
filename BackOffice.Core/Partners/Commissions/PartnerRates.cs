using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>
/// A partner's own rate in place of its plan's for one rule (same level, kind, symbol group and account type), from
/// <see cref="From"/> until <see cref="To"/>, while the partner earns under <see cref="PlanId"/> ("$8 per lot at level 1
/// instead of the plan's $7"). Never edited: a new rate ends the previous one where it starts.
/// </summary>
public sealed class PartnerRateOverride
{
    public long Id { get; set; }
    public long PartnerId { get; set; }
    public long PlanId { get; set; }
    public int Level { get; set; }
    public CommissionKind Kind { get; set; }
    public string SymbolGroup { get; set; } = SymbolGroups.Any;
    public string AccountType { get; set; } = SymbolGroups.Any;
    public decimal Rate { get; set; }
    public DateTime From { get; set; }
    public DateTime? To { get; set; }
    public string Reason { get; set; } = "";
    public string By { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public bool Overrides(long planId, int level, CommissionRule rule, DateTime at) =>
        PlanId == planId && Level == level && Kind == rule.Kind && SymbolGroup == rule.SymbolGroup
        && string.Equals(AccountType, rule.AccountType, StringComparison.OrdinalIgnoreCase) && From <= at && (To is null || To > at);
}

/// <summary>The partner earns <paramref name="Rate"/> in place of its plan's rate for that rule from a date (audited, with a reason).</summary>
[RequiresPermission(PartnerPermissions.Plans)]
public sealed record SetPartnerRate(long PartnerId, int Level, CommissionKind Kind, string SymbolGroup, string AccountType, decimal Rate, DateTime EffectiveFrom,
    string Reason) : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() =>
        $"Partner {PartnerId} earns {Rate:0.####} {RateLimits.Unit(Kind)} at level {Level} ({Kind}, {SymbolGroup}, {AccountType}) from {EffectiveFrom:yyyy-MM-dd HH:mm} UTC";
}

/// <summary>A partner's own rate ends from a date: its plan's rate applies again.</summary>
[RequiresPermission(PartnerPermissions.Plans)]
public sealed record EndPartnerRate(long OverrideId, DateTime EffectiveFrom, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Partner rate {OverrideId} ends from {EffectiveFrom:yyyy-MM-dd HH:mm} UTC";
}

public sealed record PartnerRateView(long Id, string PlanCode, int Level, CommissionKind Kind, string SymbolGroup, string AccountType, decimal Rate, DateTime From,
    DateTime? To, string By, string Reason);

public sealed record PartnerRatesResult(string? PlanCode, string Currency, IReadOnlyList<RuleInput> PlanRules, IReadOnlyList<PartnerRateView> Rates);

/// <summary>A partner's own rates (newest first) and the rules of the plan it earns under now, which a rate may replace.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record PartnerRates(long PartnerId) : IBackOfficeQuery<PartnerRatesResult>;

public sealed class SetPartnerRateValidator : AbstractValidator<SetPartnerRate>
{
    public SetPartnerRateValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Level).InclusiveBetween(1, 10).WithMessage("Levels run from 1 (the client's own partner) to 10.");
        RuleFor(x => x.Rate).GreaterThanOrEqualTo(0).WithMessage("A rate cannot be negative.")
            .Must((x, rate) => rate <= RateLimits.MaxFor(x.Kind))
            .WithMessage(x => $"{x.Rate} {RateLimits.Unit(x.Kind)} is beyond the sane limit of {RateLimits.MaxFor(x.Kind)} {RateLimits.Unit(x.Kind)}.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why this partner earns its own rate.").MaximumLength(300);
    }
}

public sealed class EndPartnerRateValidator : AbstractValidator<EndPartnerRate>
{
    public EndPartnerRateValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the partner's own rate ends.").MaximumLength(300);
}

public sealed class PartnerRateHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context) :
    ICommandHandler<SetPartnerRate, Result<long>>,
    ICommandHandler<EndPartnerRate, Result>,
    IQueryHandler<PartnerRates, PartnerRatesResult>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async ValueTask<Result<long>> Handle(SetPartnerRate command, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PartnerId, ct);
        if (partner is null) return Error.NotFound("The partner");
        if (partner.Status == PartnerStatus.Terminated) return Error.Rule("partner.terminated", $"{partner.Code} is terminated.");
        var from = command.EffectiveFrom;
        if (await NotBeforeComputedAsync(from, ct) is { } computed) return computed;
        var assignment = await db.PartnerPlanAssignments.AsNoTracking()
            .Where(a => a.PartnerId == partner.Id && a.From <= from && (a.To == null || a.To > from)).FirstOrDefaultAsync(ct);
        if (assignment is null) return Error.Rule("rate.no_plan", $"{partner.Code} earns under no plan on {from:yyyy-MM-dd HH:mm} UTC: assign one first.");
        var plan = await db.CommissionPlans.AsNoTracking().FirstAsync(p => p.Id == assignment.PlanId, ct);
        var version = await db.CommissionPlanVersions.AsNoTracking().Include(v => v.Rules)
            .Where(v => v.PlanId == plan.Id && v.EffectiveFrom <= from && (v.EffectiveTo == null || v.EffectiveTo > from)).FirstOrDefaultAsync(ct);
        var (group, type) = (command.SymbolGroup.Trim(), command.AccountType.Trim());
        var rule = version?.Rules.FirstOrDefault(r => r.Level == command.Level && r.Kind == command.Kind && r.SymbolGroup == group
                                                      && string.Equals(r.AccountType, type, StringComparison.OrdinalIgnoreCase));
        if (rule is null)
            return Error.Rule("rate.no_rule",
                $"Plan {plan.Code} has no level {command.Level} {RateLimits.Unit(command.Kind)} rule for {group} / {type} on {from:yyyy-MM-dd}: only a plan's rule can be given another rate.");
        var current = await db.PartnerRateOverrides.Where(o => o.PartnerId == partner.Id && o.PlanId == plan.Id && o.Level == command.Level && o.Kind == command.Kind
                                                               && o.SymbolGroup == rule.SymbolGroup && o.AccountType == rule.AccountType && o.To == null)
            .FirstOrDefaultAsync(ct);
        if (current is not null && from <= current.From)
            return Error.Rule("rate.overlap", $"{partner.Code}'s present rate for this rule applies from {current.From:yyyy-MM-dd HH:mm} UTC; a new one starts after that.");
        if (current is not null) current.To = from;
        var rate = new PartnerRateOverride
        {
            PartnerId = partner.Id, PlanId = plan.Id, Level = rule.Level, Kind = rule.Kind, SymbolGroup = rule.SymbolGroup, AccountType = rule.AccountType,
            Rate = command.Rate, From = from, Reason = command.Reason.Trim(), By = context.Actor.Name, CreatedAt = Now,
        };
        db.PartnerRateOverrides.Add(rate);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(PartnerRateOverride), rate.Id.ToString());
        return rate.Id;
    }

    public async ValueTask<Result> Handle(EndPartnerRate command, CancellationToken ct)
    {
        var rate = await db.PartnerRateOverrides.FirstOrDefaultAsync(o => o.Id == command.OverrideId, ct);
        if (rate is null) return Error.NotFound("The partner's rate");
        if (rate.To is { } to) return Error.Conflict($"This rate already ended on {to:yyyy-MM-dd HH:mm} UTC.");
        if (command.EffectiveFrom <= rate.From) return Error.Rule("rate.overlap", $"The rate applies from {rate.From:yyyy-MM-dd HH:mm} UTC; it ends after that.");
        if (await NotBeforeComputedAsync(command.EffectiveFrom, ct) is { } computed) return computed;
        rate.To = command.EffectiveFrom;
        effects.About(nameof(PartnerRateOverride), rate.Id.ToString());
        return Result.Ok();
    }

    public async ValueTask<PartnerRatesResult> Handle(PartnerRates query, CancellationToken ct)
    {
        var now = Now;
        var plan = await (from a in db.PartnerPlanAssignments.AsNoTracking()
                          where a.PartnerId == query.PartnerId && a.From <= now && (a.To == null || a.To > now)
                          join p in db.CommissionPlans.AsNoTracking() on a.PlanId equals p.Id
                          select p).FirstOrDefaultAsync(ct);
        List<RuleInput> rules = plan is null
            ? []
            : (await db.CommissionPlanVersions.AsNoTracking().Include(v => v.Rules)
                .Where(v => v.PlanId == plan.Id && v.EffectiveFrom <= now && (v.EffectiveTo == null || v.EffectiveTo > now)).FirstOrDefaultAsync(ct))?.Rules
            .OrderBy(r => r.Level).ThenBy(r => r.Kind).ThenBy(r => r.SymbolGroup).ThenBy(r => r.AccountType)
            .Select(r => new RuleInput(r.SymbolGroup, r.AccountType, r.Level, r.Kind, r.Rate, r.PipValue, r.MinimumDeposit, r.MinimumLots)).ToList() ?? [];
        var rates = await (from o in db.PartnerRateOverrides.AsNoTracking()
                           where o.PartnerId == query.PartnerId
                           join p in db.CommissionPlans.AsNoTracking() on o.PlanId equals p.Id
                           orderby o.From descending, o.Id descending
                           select new PartnerRateView(o.Id, p.Code, o.Level, o.Kind, o.SymbolGroup, o.AccountType, o.Rate, o.From, o.To, o.By, o.Reason))
            .ToListAsync(ct);
        return new PartnerRatesResult(plan?.Code, plan?.Currency ?? "USD", rules, rates);
    }

    private async Task<Error?> NotBeforeComputedAsync(DateTime from, CancellationToken ct) =>
        await CommissionRuns.ComputedUpToAsync(db, ct) is { } upTo && from < upTo
            ? Error.Rule("rate.computed", $"Commissions are computed up to {upTo:yyyy-MM-dd HH:mm} UTC; a partner's rate changes then or later.")
            : null;
}
