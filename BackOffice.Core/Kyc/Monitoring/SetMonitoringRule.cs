using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Risk;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Switches a monitoring rule on or off and sets its severity and thresholds. The thresholds must be exactly the
/// ones the rule reads: a missing one would stop the rule, an unknown one would be a setting that does nothing.
/// </summary>
[RequiresPermission(KycPermissions.Rules)]
public sealed record SetMonitoringRule(string Code, bool Enabled, RiskLevel Severity, IReadOnlyDictionary<string, decimal> Thresholds, string Reason)
    : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Set monitoring rule {Code}: {(Enabled ? "on" : "off")}, {Severity}, "
        + string.Join(", ", Thresholds.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}"));
}

public sealed class SetMonitoringRuleValidator : AbstractValidator<SetMonitoringRule>
{
    public SetMonitoringRuleValidator()
    {
        RuleFor(x => x.Code).Must(code => MonitoringRuleSettings.Defaults.Any(d => d.Code == code)).WithMessage("There is no such monitoring rule.");
        RuleFor(x => x.Severity).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the rule changes.").MaximumLength(1000);
        RuleFor(x => x.Thresholds).NotNull().Must((command, thresholds) => KnownKeys(command.Code) is not { } known || known.SetEquals(thresholds.Keys))
            .WithMessage(command => $"The thresholds must be exactly: {string.Join(", ", KnownKeys(command.Code) ?? [])}.");
        RuleForEach(x => x.Thresholds).Must(t => t.Value >= 0).WithMessage(t => "A threshold cannot be negative.");
    }

    private static HashSet<string>? KnownKeys(string code) =>
        MonitoringRuleSettings.Defaults.FirstOrDefault(d => d.Code == code) is { } rule ? [.. rule.Thresholds.Keys] : null;
}

public sealed class SetMonitoringRuleHandler(BackOfficeDb db, Effects effects) : ICommandHandler<SetMonitoringRule, Result>
{
    public async ValueTask<Result> Handle(SetMonitoringRule command, CancellationToken ct)
    {
        var rule = await db.MonitoringRules.FirstOrDefaultAsync(r => r.Code == command.Code, ct);
        if (rule is null)
        {
            rule = MonitoringRuleConfig.From(MonitoringRuleSettings.Defaults.Single(d => d.Code == command.Code));
            db.MonitoringRules.Add(rule);
        }
        rule.Enabled = command.Enabled;
        rule.Severity = command.Severity;
        rule.Thresholds = MonitoringRuleConfig.Serialize(command.Thresholds);
        effects.About("MonitoringRule", rule.Code);
        return Result.Ok();
    }
}
