using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Risk;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Corporate;

/// <summary>Adds a director, shareholder, beneficial owner or signatory to a corporate client's structure.</summary>
[RequiresPermission(KycPermissions.Review)]
public sealed record AddCorporateParty(long ClientId, PartyKind Kind, string Name, PartyRoles Roles, long? HoldsInPartyId = null, decimal? OwnershipPercent = null,
    bool IsNominee = false, bool IsTrust = false, DateOnly? DateOfBirth = null, string? Country = null) : IBackOfficeCommand<Result<long>>;

/// <summary>Removes a party that was entered by mistake or has left; companies still holding shares through it must go first.</summary>
[RequiresPermission(KycPermissions.Review)]
public sealed record RemoveCorporateParty(long PartyId, string Reason) : IBackOfficeCommand<Result>;

public sealed class AddCorporatePartyValidator : AbstractValidator<AddCorporateParty>
{
    public AddCorporatePartyValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Give the party's name.").MaximumLength(200);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.OwnershipPercent).InclusiveBetween(0.01m, 100m).When(x => x.OwnershipPercent is not null)
            .WithMessage("A shareholding is between 0.01 % and 100 %.");
        RuleFor(x => x.Roles).Must(r => r != PartyRoles.None).When(x => x.OwnershipPercent is null)
            .WithMessage("Say how the party is related: a role or a shareholding.");
        RuleFor(x => x.Country).Must(c => Accounts.Countries.Exists(c)).When(x => !string.IsNullOrWhiteSpace(x.Country))
            .WithMessage("Choose the country from the list (two-letter code).");
    }
}

public sealed class RemoveCorporatePartyValidator : AbstractValidator<RemoveCorporateParty>
{
    public RemoveCorporatePartyValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class CorporatePartyHandlers(BackOfficeDb db, Effects effects, Screening.ClientScreener screener, TimeProvider clock) :
    ICommandHandler<AddCorporateParty, Result<long>>,
    ICommandHandler<RemoveCorporateParty, Result>
{
    public async ValueTask<Result<long>> Handle(AddCorporateParty command, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        if (client.Kind != ClientKind.Corporate) return Error.Rule("corporate.not_corporate", "Related parties are recorded for corporate clients only.");
        var parties = await db.CorporateParties.Where(p => p.ClientId == client.Id).ToListAsync(ct);
        if (command.HoldsInPartyId is { } holder && parties.FirstOrDefault(p => p.Id == holder) is not { Kind: PartyKind.Company })
            return Error.Validation(new Dictionary<string, string[]> { ["HoldsInPartyId"] = ["Shares are held in the client company or in a company of its structure."] });
        var party = new CorporateParty
        {
            ClientId = client.Id,
            Kind = command.Kind,
            Name = command.Name.Trim(),
            Roles = command.Roles | (command.OwnershipPercent is > 0 ? PartyRoles.Shareholder : PartyRoles.None),
            HoldsInPartyId = command.HoldsInPartyId,
            OwnershipPercent = command.OwnershipPercent,
            IsNominee = command.IsNominee,
            IsTrust = command.IsTrust,
            DateOfBirth = command.Kind == PartyKind.Person ? command.DateOfBirth : null,
            Country = string.IsNullOrWhiteSpace(command.Country) ? null : command.Country.Trim().ToUpperInvariant(),
            AddedAt = clock.GetUtcNow().UtcDateTime,
        };
        // Checked with the new party in place: over 100 % in any company, or a circle of holdings, is refused.
        var problems = CorporateStructure.Build(client, [.. parties, party]).Validate();
        if (problems.Count > 0)
            return Error.Validation(new Dictionary<string, string[]> { ["OwnershipPercent"] = problems.Select(p => p.Message).ToArray() });
        db.CorporateParties.Add(party);
        await db.SaveChangesAsync(ct);
        return await ChangedAsync(client, $"{party.Name} added to the structure", ct) is { } refused ? refused : party.Id;
    }

    public async ValueTask<Result> Handle(RemoveCorporateParty command, CancellationToken ct)
    {
        var party = await db.CorporateParties.FirstOrDefaultAsync(p => p.Id == command.PartyId, ct);
        if (party is null) return Error.NotFound("The party");
        if (await db.CorporateParties.AnyAsync(p => p.HoldsInPartyId == party.Id, ct))
            return Error.Rule("corporate.party_has_holders", $"Others hold shares in {party.Name}; remove them first.");
        db.CorporateParties.Remove(party);
        var client = await db.Clients.FirstAsync(c => c.Id == party.ClientId, ct);
        return await ChangedAsync(client, $"{party.Name} removed from the structure: {command.Reason.Trim()}", ct) is { } refused ? refused : Result.Ok();
    }

    private async Task<Error?> ChangedAsync(Client client, string trigger, CancellationToken ct)
    {
        effects.About(nameof(Client), client.Id.ToString());
        await db.SaveChangesAsync(ct);
        // Each director, owner and signatory is screened like the client; a removed one's open hits are withdrawn.
        await screener.ScreenAsync(client, "related persons changed", clock.GetUtcNow().UtcDateTime, ct);
        // Complexity (layers, nominees, trusts) is a risk factor and a reason for enhanced due diligence.
        return await KycRisk.RecomputeAsync(db, effects, client, trigger, clock.GetUtcNow().UtcDateTime, ct);
    }
}
