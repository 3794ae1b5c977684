using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Risk;

/// <summary>
/// Puts a country on the risk list, moves it to another level, or takes it off (<see cref="CountryRisk.Standard"/>).
/// Every open client resident in, national of or incorporated in the country is scored again in the same
/// transaction, so their risk level, history and enhanced due diligence follow the list at once (FATF: apply
/// enhanced measures to a jurisdiction from the day it is listed).
/// </summary>
[RequiresPermission(KycPermissions.Rules)]
public sealed record SetCountryRisk(string Code, CountryRisk Risk, string Reason) : IBackOfficeCommand<Result<CountryRiskChange>>, IDescribedCommand
{
    public string Describe() => Risk == CountryRisk.Standard
        ? $"Take {Named} off the country risk list"
        : $"List {Named} as {Risk.Describe().ToLowerInvariant()}";

    private string Named => CountryRisks.NameOf(Code) is { } name ? $"{Code.Trim().ToUpperInvariant()} {name}" : Code;
}

/// <summary>What the change did: the level before and after, and how many clients were scored again.</summary>
public sealed record CountryRiskChange(CountryRisk Before, CountryRisk After, int ClientsRescored);

public sealed class SetCountryRiskValidator : AbstractValidator<SetCountryRisk>
{
    public SetCountryRiskValidator()
    {
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose a country.").Must(code => CountryRisks.NameOf(code) is not null)
            .WithMessage(x => $"'{x.Code}' is not a country code we know; use ISO 3166 two-letter codes such as KE or IR.");
        RuleFor(x => x.Risk).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the country's risk changes.").MaximumLength(1000);
    }
}

public sealed class SetCountryRiskHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<SetCountryRisk, Result<CountryRiskChange>>
{
    public async ValueTask<Result<CountryRiskChange>> Handle(SetCountryRisk command, CancellationToken ct)
    {
        var code = command.Code.Trim().ToUpperInvariant();
        var name = CountryRisks.NameOf(code)!;
        await CountryRisks.StoredEditionAsync(db, ct);
        var entry = await db.CountryRisks.FirstOrDefaultAsync(c => c.Code == code, ct);
        var before = entry?.Risk ?? CountryRisk.Standard;
        if (before == command.Risk)
        {
            effects.About("CountryRisk", code);
            return new CountryRiskChange(before, before, 0);
        }

        if (command.Risk == CountryRisk.Standard)
            db.CountryRisks.Remove(entry!);
        else if (entry is null)
            db.CountryRisks.Add(new CountryRiskEntry { Code = code, Name = name, Risk = command.Risk });
        else
            entry.Risk = command.Risk;
        await db.SaveChangesAsync(ct);

        var countries = await CountryRisks.LoadAsync(db, ct);
        var trigger = $"country risk list: {code} {name} from {before.Describe().ToLowerInvariant()} to {command.Risk.Describe().ToLowerInvariant()}: {command.Reason.Trim()}";
        if (trigger.Length > 1200) trigger = trigger[..1199] + "…";
        var now = clock.GetUtcNow().UtcDateTime;
        // A closed relationship is not scored again: there is nothing left to apply due diligence to.
        var affected = await db.Clients
            .Where(c => c.Status != ClientStatus.Closed && (c.Country == code || c.Nationality == code || c.CountryOfIncorporation == code))
            .OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var client in affected)
            if (await KycRisk.RecomputeAsync(db, effects, client, trigger, now, ct, countries) is { } refused)
                return refused;
        // Last: restricting a client names the client as the subject, and this entry is about the country.
        effects.About("CountryRisk", code);
        return new CountryRiskChange(before, command.Risk, affected.Count);
    }
}
