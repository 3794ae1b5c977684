using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Risk;

/// <summary>What the client declared about their money and work, kept for scoring and monitoring.</summary>
public sealed class ClientDeclaration : IVersioned
{
    public long ClientId { get; set; }
    public SourceOfFunds SourceOfFunds { get; set; } = SourceOfFunds.OtherOrUndeclared;
    public decimal ExpectedYearlyVolumeUsd { get; set; }
    public string? Occupation { get; set; }
    public OccupationCategory OccupationCategory { get; set; } = OccupationCategory.Other;

    /// <summary>The client is (or is closely related to) a politically exposed person, declared or found by screening.</summary>
    public bool IsPep { get; set; }

    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>Records (or corrects) the client's declarations; the risk level is scored again.</summary>
[RequiresPermission(KycPermissions.Risk)]
public sealed record RecordClientDeclaration(long ClientId, SourceOfFunds SourceOfFunds, decimal ExpectedYearlyVolumeUsd, string? Occupation,
    OccupationCategory OccupationCategory, bool IsPep) : IBackOfficeCommand<Result>;

public sealed class RecordClientDeclarationValidator : AbstractValidator<RecordClientDeclaration>
{
    public RecordClientDeclarationValidator()
    {
        RuleFor(x => x.ClientId).GreaterThan(0).WithMessage("Choose a client.");
        RuleFor(x => x.SourceOfFunds).IsInEnum().WithMessage("Choose the source of funds.");
        RuleFor(x => x.OccupationCategory).IsInEnum().WithMessage("Choose the occupation or industry.");
        RuleFor(x => x.ExpectedYearlyVolumeUsd).InclusiveBetween(0, 1_000_000_000).WithMessage("The expected yearly volume must be between 0 and 1,000,000,000 USD.");
        RuleFor(x => x.Occupation).MaximumLength(120);
    }
}

public sealed class RecordClientDeclarationHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<RecordClientDeclaration, Result>
{
    public async ValueTask<Result> Handle(RecordClientDeclaration command, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        var now = clock.GetUtcNow().UtcDateTime;
        var declaration = await db.ClientDeclarations.FirstOrDefaultAsync(d => d.ClientId == client.Id, ct);
        if (declaration is null) db.ClientDeclarations.Add(declaration = new ClientDeclaration { ClientId = client.Id });
        declaration.SourceOfFunds = command.SourceOfFunds;
        declaration.ExpectedYearlyVolumeUsd = command.ExpectedYearlyVolumeUsd;
        declaration.Occupation = string.IsNullOrWhiteSpace(command.Occupation) ? null : command.Occupation.Trim();
        declaration.OccupationCategory = command.OccupationCategory;
        declaration.IsPep = command.IsPep;
        declaration.UpdatedAt = now;
        effects.About(nameof(Accounts.Clients.Client), client.Id.ToString());
        return await KycRisk.RecomputeAsync(db, effects, client, "declarations recorded", now, ct) is { } refused ? refused : Result.Ok();
    }
}
