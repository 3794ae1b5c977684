using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Clients;

/// <summary>The profile a client gives at registration and staff may later correct.</summary>
public sealed record ClientProfile
{
    public ClientKind Kind { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public DateOnly? DateOfBirth { get; init; }
    public string? Nationality { get; init; }
    public string CompanyName { get; init; } = "";
    public string? RegistrationNumber { get; init; }

    /// <summary>Country of residence, or of incorporation for a company (ISO 3166-1 alpha-2).</summary>
    public string Country { get; init; } = "";

    public string Email { get; init; } = "";
    public string Phone { get; init; } = "";
    public string? AddressLine { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }

    public void ApplyTo(Client c)
    {
        c.Kind = Kind;
        c.FirstName = FirstName.Trim();
        c.LastName = LastName.Trim();
        c.DateOfBirth = DateOfBirth;
        c.Nationality = Nationality?.Trim().ToUpperInvariant();
        c.CompanyName = CompanyName.Trim();
        c.RegistrationNumber = RegistrationNumber?.Trim();
        c.CountryOfIncorporation = Kind == ClientKind.Corporate ? Country.Trim().ToUpperInvariant() : null;
        c.Country = Country;
        c.Email = Email;
        c.Phone = Phone.Trim();
        c.AddressLine = AddressLine?.Trim();
        c.City = City?.Trim();
        c.PostalCode = PostalCode?.Trim();
        c.SetNames();
    }
}

public sealed class ClientProfileValidator : AbstractValidator<ClientProfile>
{
    public ClientProfileValidator(TimeProvider clock)
    {
        RuleFor(x => x.Kind).IsInEnum();
        When(x => x.Kind == ClientKind.Individual, () =>
        {
            RuleFor(x => x.FirstName).NotEmpty().WithMessage("A first name is required.").MaximumLength(100);
            RuleFor(x => x.LastName).NotEmpty().WithMessage("A last name is required.").MaximumLength(100);
            RuleFor(x => x.DateOfBirth).NotNull().WithMessage("A date of birth is required.")
                .Must(d => d is null || d.Value.AddYears(18) <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .WithMessage("Clients must be at least 18 years old.");
            RuleFor(x => x.Nationality).Must(n => n is null || Countries.Exists(n)).WithMessage("Unknown nationality country code.");
        });
        When(x => x.Kind == ClientKind.Corporate, () =>
        {
            RuleFor(x => x.CompanyName).NotEmpty().WithMessage("A company name is required.").MaximumLength(200);
            RuleFor(x => x.RegistrationNumber).NotEmpty().WithMessage("A registration number is required.").MaximumLength(60);
        });
        RuleFor(x => x.Country).NotEmpty().WithMessage("A country is required.")
            .Must(Countries.Exists).WithMessage(x => $"'{x.Country}' is not a country code we know; use ISO 3166 two-letter codes such as GB or DE.");
        RuleFor(x => x.Email).NotEmpty().WithMessage("An e-mail address is required.").EmailAddress().WithMessage("The e-mail address is not valid.").MaximumLength(256);
        RuleFor(x => x.Phone).NotEmpty().WithMessage("A phone number is required.")
            .Matches(@"^\+?[0-9 ()\-]{6,30}$").WithMessage("A phone number has 6–30 digits, spaces, brackets or dashes, optionally after a +.");
        RuleFor(x => x.AddressLine).MaximumLength(300);
        RuleFor(x => x.City).MaximumLength(100);
        RuleFor(x => x.PostalCode).MaximumLength(20);
    }
}

[RequiresPermission(AccountsPermissions.Register)]
public sealed record RegisterClient(ClientProfile Profile, string Source = "staff", string? ManagerId = null) : IBackOfficeCommand<Result<RegisteredClient>>;

public sealed record RegisteredClient(long Id, long Number);

public sealed class RegisterClientValidator : AbstractValidator<RegisterClient>
{
    public RegisterClientValidator(TimeProvider clock)
    {
        RuleFor(x => x.Profile).NotNull().SetValidator(new ClientProfileValidator(clock));
        RuleFor(x => x.Source).Must(s => s is "staff" or "portal" or "crm").WithMessage("Unknown registration source.");
    }
}

/// <summary>A registration arriving through the client API (the portal or the CRM), already checked for the key's scope.</summary>
[SystemCommand]
/// <param name="ReferralCode">The partner code the client came with (a referral link): the client is attributed to that partner (first touch).</param>
public sealed record RegisterClientFromApi(ClientProfile Profile, string Source, string? ReferralCode = null) : IBackOfficeCommand<Result<RegisteredClient>>;

public sealed class RegisterClientFromApiValidator : AbstractValidator<RegisterClientFromApi>
{
    public RegisterClientFromApiValidator(TimeProvider clock)
    {
        RuleFor(x => x.Profile).NotNull().SetValidator(new ClientProfileValidator(clock));
        RuleFor(x => x.Source).Must(s => s is "portal" or "crm").WithMessage("Unknown registration source.");
        RuleFor(x => x.ReferralCode).Must(Partners.PartnerCode.IsValid).When(x => !string.IsNullOrWhiteSpace(x.ReferralCode))
            .WithMessage("The referral code is not a partner code.");
    }
}

public sealed class RegisterClientHandler(BackOfficeDb db, Effects effects, Kyc.Screening.ClientScreener screener, TimeProvider clock)
    : ICommandHandler<RegisterClient, Result<RegisteredClient>>, ICommandHandler<RegisterClientFromApi, Result<RegisteredClient>>
{
    public async ValueTask<Result<RegisteredClient>> Handle(RegisterClientFromApi command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.ReferralCode)) return await Handle(new RegisterClient(command.Profile, command.Source), ct);
        var code = Partners.PartnerCode.Normalise(command.ReferralCode);
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code && p.Status == Partners.PartnerStatus.Active, ct);
        if (partner is null)
            return Error.Validation(new Dictionary<string, string[]> { ["ReferralCode"] = [$"{code} is not the code of an active partner."] });
        var registered = await Handle(new RegisterClient(command.Profile, command.Source), ct);
        if (!registered.Succeeded) return registered;
        var now = clock.GetUtcNow().UtcDateTime;
        db.ClientAttributions.Add(new Partners.ClientAttribution
        {
            ClientId = registered.Value!.Id, PartnerId = partner.Id, From = now, Source = Partners.AttributionSource.Registration, By = $"referral code {code}",
        });
        effects.Publish("ib.client_attributed", new { clientId = registered.Value.Id, partnerId = partner.Id, code, from = now, source = "Registration" });
        return registered;
    }

    public async ValueTask<Result<RegisteredClient>> Handle(RegisterClient command, CancellationToken ct)
    {
        var email = command.Profile.Email.Trim().ToLowerInvariant();
        if (await db.Clients.AnyAsync(c => c.Email == email, ct))
            return ClientErrors.DuplicateEmail;
        if (command.ManagerId is { } manager && !await db.Users.AnyAsync(u => u.Id == manager && !u.Disabled, ct))
            return Error.Validation(new Dictionary<string, string[]> { ["ManagerId"] = ["Choose an active staff member as account manager."] });
        var now = clock.GetUtcNow().UtcDateTime;
        var client = new Client
        {
            Number = await Sequences.NextAsync(db, Sequences.ClientNumber, ct),
            Status = ClientStatus.Registered,
            StatusChangedAt = now,
            RegisteredAt = now,
            Source = command.Source,
            ManagerId = command.ManagerId,
            SalesStage = "Registered",
        };
        command.Profile.ApplyTo(client);
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(Client), client.Id.ToString());
        await screener.ScreenAsync(client, "registration", now, ct);
        if (await Kyc.Risk.KycRisk.RecomputeAsync(db, effects, client, "registered", client.RegisteredAt, ct) is { } refused) return refused;
        effects.Publish("client.registered", new
        {
            clientId = client.Id,
            clientNumber = client.Number,
            kind = client.Kind.ToString(),
            name = client.DisplayName,
            email = client.Email,
            country = client.Country,
            source = client.Source,
        });
        return new RegisteredClient(client.Id, client.Number);
    }
}

public static class ClientErrors
{
    public static Error DuplicateEmail { get; } = Error.Validation(new Dictionary<string, string[]>
    {
        ["Email"] = ["Another client is already registered with this e-mail address."],
    });
}

/// <summary>Corrects a client's profile (a typo in the name, a new address, a new phone number).</summary>
[RequiresPermission(AccountsPermissions.EditProfile)]
/// <param name="ExpectedVersion">The version the editor loaded: a profile changed since then is not overwritten.</param>
public sealed record UpdateClientProfile(long ClientId, ClientProfile Profile, string Reason, long? ExpectedVersion = null) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Update the profile of client {ClientId}";
}

public sealed class UpdateClientProfileValidator : AbstractValidator<UpdateClientProfile>
{
    public UpdateClientProfileValidator(TimeProvider clock)
    {
        RuleFor(x => x.Profile).NotNull().SetValidator(new ClientProfileValidator(clock));
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
    }
}

/// <summary>A profile update arriving through the client API (e.g. the client changed their address in the portal).</summary>
[SystemCommand]
public sealed record UpdateClientProfileFromApi(long ClientId, ClientProfile Profile, string Source) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Update the profile of client {ClientId} from the {Source}";
    public string? Reason => $"Updated through the client API ({Source})";
}

public sealed class UpdateClientProfileFromApiValidator : AbstractValidator<UpdateClientProfileFromApi>
{
    public UpdateClientProfileFromApiValidator(TimeProvider clock) => RuleFor(x => x.Profile).NotNull().SetValidator(new ClientProfileValidator(clock));
}

public sealed class UpdateClientProfileHandler(BackOfficeDb db, Effects effects, Kyc.Screening.ClientScreener screener, TimeProvider clock)
    : ICommandHandler<UpdateClientProfile, Result>, ICommandHandler<UpdateClientProfileFromApi, Result>
{
    public ValueTask<Result> Handle(UpdateClientProfileFromApi command, CancellationToken ct) =>
        Handle(new UpdateClientProfile(command.ClientId, command.Profile, command.Reason!), ct);

    public async ValueTask<Result> Handle(UpdateClientProfile command, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        if (client.Status == ClientStatus.Closed) return Error.Rule("client.closed", "The client is closed; their profile is kept as it was.");
        if (command.ExpectedVersion is { } expected && expected != client.Version)
            return Error.Conflict("Someone changed this client since you opened it. Nothing was saved: reload and make your change again.");
        var email = command.Profile.Email.Trim().ToLowerInvariant();
        if (email != client.Email && await db.Clients.AnyAsync(c => c.Email == email && c.Id != client.Id, ct))
            return ClientErrors.DuplicateEmail;
        if (command.Profile.Kind != client.Kind)
            return Error.Rule("client.kind", "A client cannot change between individual and corporate; register the other one separately.");
        var screenedBefore = Kyc.Screening.ClientScreener.SubjectsOf(client, [])[0].Subject;
        command.Profile.ApplyTo(client);
        effects.About(nameof(Client), client.Id.ToString());
        effects.Publish("client.profile_updated", new { clientId = client.Id, clientNumber = client.Number });
        // A changed name, date of birth or nationality is screened again against the lists in force.
        var now = clock.GetUtcNow().UtcDateTime;
        if (Kyc.Screening.ClientScreener.SubjectsOf(client, [])[0].Subject != screenedBefore)
            await screener.ScreenAsync(client, "profile change", now, ct);
        // Monitoring sees the change too (a dormant account suddenly changing its details is activity).
        await Kyc.Monitoring.MonitoringEvents.RecordAsync(db, effects,
            new Kyc.Monitoring.MonitoringEvent(0, client.Id, Kyc.Monitoring.MonitoringEventKind.ProfileChange, now), now, ct);
        // Residence, nationality or incorporation may have moved the risk.
        return await Kyc.Risk.KycRisk.RecomputeAsync(db, effects, client, "profile updated", now, ct) is { } refused
            ? refused
            : Result.Ok();
    }
}
