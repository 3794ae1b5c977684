using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Risk;

/// <summary>
/// Names the publication the country risk list follows. FATF revises its lists after each plenary (February, June,
/// October); the edition is quoted in every risk explanation and alert, so a reader knows which list judged the client.
/// Scores do not change with the name alone: the countries do that, through <see cref="SetCountryRisk"/>.
/// </summary>
[RequiresPermission(KycPermissions.Rules)]
public sealed record SetCountryRiskEdition(string Source, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Name the country risk list \"{Source.Trim()}\"";
}

public sealed class SetCountryRiskEditionValidator : AbstractValidator<SetCountryRiskEdition>
{
    public SetCountryRiskEditionValidator()
    {
        RuleFor(x => x.Source).NotEmpty().WithMessage("Say which publication the list follows, e.g. \"FATF public statements of 13 February 2026\".")
            .MaximumLength(200);
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the edition changes.").MaximumLength(1000);
    }
}

public sealed class SetCountryRiskEditionHandler(BackOfficeDb db, Effects effects) : ICommandHandler<SetCountryRiskEdition, Result>
{
    public async ValueTask<Result> Handle(SetCountryRiskEdition command, CancellationToken ct)
    {
        var edition = await CountryRisks.StoredEditionAsync(db, ct);
        edition.Source = command.Source.Trim();
        effects.About(nameof(CountryRiskEdition), edition.Id.ToString());
        return Result.Ok();
    }
}
