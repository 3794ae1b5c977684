using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Monitoring;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Withdrawals;

/// <summary>A bank account or crypto address a client wants paid to; unverified until finance checks it.</summary>
[RequiresPermission(FundsPermissions.Withdraw)]
public sealed record AddPayoutDestination(long ClientId, DestinationKind Kind, string Identifier, string HolderName, string? Bank = null)
    : IBackOfficeCommand<Result<long>>, IDescribedCommand, IDestinationRequest
{
    public string Describe() => $"Add a {Kind} payout destination for client {ClientId}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>The portal adding one at the client's request.</summary>
[SystemCommand]
public sealed record AddPayoutDestinationFromApi(long ClientId, DestinationKind Kind, string Identifier, string HolderName, string? Bank = null)
    : IBackOfficeCommand<Result<long>>, IDestinationRequest;

/// <summary>Finance checked the destination belongs to the client (a bank letter, a wallet ownership proof), or refused it.</summary>
[RequiresPermission(FundsPermissions.Destinations)]
public sealed record DecidePayoutDestination(long DestinationId, bool Verified, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"{(Verified ? "Verify" : "Refuse")} payout destination {DestinationId}";
}

/// <summary>What a new destination must have, whoever enters it.</summary>
public interface IDestinationRequest
{
    DestinationKind Kind { get; }
    string Identifier { get; }
    string HolderName { get; }
}

public sealed class DestinationRequestRules : AbstractValidator<IDestinationRequest>
{
    public DestinationRequestRules()
    {
        RuleFor(x => x.Identifier).NotEmpty().WithMessage("Enter the account number (IBAN) or address.").MaximumLength(120);
        RuleFor(x => x.HolderName).NotEmpty().WithMessage("Enter the holder's name.").MaximumLength(200);
        RuleFor(x => x.Kind).NotEqual(DestinationKind.Card).WithMessage("A card becomes a destination by paying a deposit; it cannot be typed in.");
    }
}

public sealed class AddPayoutDestinationValidator : AbstractValidator<AddPayoutDestination>
{
    public AddPayoutDestinationValidator() => Include(new DestinationRequestRules());
}

public sealed class AddPayoutDestinationFromApiValidator : AbstractValidator<AddPayoutDestinationFromApi>
{
    public AddPayoutDestinationFromApiValidator() => Include(new DestinationRequestRules());
}

public sealed class DecidePayoutDestinationValidator : AbstractValidator<DecidePayoutDestination>
{
    public DecidePayoutDestinationValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(300);
}

public sealed class DestinationHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context) :
    ICommandHandler<AddPayoutDestination, Result<long>>, ICommandHandler<AddPayoutDestinationFromApi, Result<long>>, ICommandHandler<DecidePayoutDestination, Result>
{
    public ValueTask<Result<long>> Handle(AddPayoutDestinationFromApi c, CancellationToken ct) =>
        Handle(new AddPayoutDestination(c.ClientId, c.Kind, c.Identifier, c.HolderName, c.Bank), ct);

    public async ValueTask<Result<long>> Handle(AddPayoutDestination command, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == command.ClientId, ct)) return Error.NotFound("The client");
        var identifier = DestinationMoves.Normalise(command.Kind, command.Identifier);
        if (DestinationMoves.Refuse(command.Kind, identifier) is { } bad)
            return Error.Validation(new Dictionary<string, string[]> { ["Identifier"] = [bad] });
        if (await db.PayoutDestinations.AnyAsync(d => d.ClientId == command.ClientId && d.Kind == command.Kind && d.Identifier == identifier, ct))
            return Error.Rule("destination.exists", "The client already has this destination.");
        var destination = new PayoutDestination
        {
            ClientId = command.ClientId, Kind = command.Kind, Identifier = identifier, HolderName = command.HolderName.Trim(),
            Label = DestinationMoves.LabelFor(command.Kind, identifier, command.Bank), Status = DestinationStatus.Unverified,
            AddedBy = Deposits.DepositMoves.Fit(context.Actor.Name, 160)!, AddedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.PayoutDestinations.Add(destination);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(PayoutDestination), destination.Id.ToString());
        effects.Touch(WithdrawalCounters.DestinationsToVerify);
        return destination.Id;
    }

    public async ValueTask<Result> Handle(DecidePayoutDestination command, CancellationToken ct)
    {
        var destination = await db.PayoutDestinations.FirstOrDefaultAsync(d => d.Id == command.DestinationId, ct);
        if (destination is null) return Error.NotFound("The payout destination");
        if (destination.Status != DestinationStatus.Unverified)
            return Error.Conflict($"{destination.Label} is already {destination.Status.ToString().ToLowerInvariant()} (by {destination.VerifiedBy}).");
        if (destination.AddedBy == context.Actor.Name)
            return Error.Rule("destination.own_entry", "You added this destination; another member of finance verifies it.");
        destination.Status = command.Verified ? DestinationStatus.Verified : DestinationStatus.Rejected;
        destination.VerifiedBy = context.Actor.Name;
        destination.VerifiedAt = clock.GetUtcNow().UtcDateTime;
        effects.About(nameof(PayoutDestination), destination.Id.ToString());
        effects.Touch(WithdrawalCounters.DestinationsToVerify);
        return Result.Ok();
    }
}

public static class DestinationMoves
{
    public static PaymentMethodKind MethodKind(DestinationKind kind) => kind switch
    {
        DestinationKind.Card => PaymentMethodKind.Card,
        DestinationKind.CryptoAddress => PaymentMethodKind.CryptoWallet,
        _ => PaymentMethodKind.BankAccount,
    };

    public static string Normalise(DestinationKind kind, string identifier) =>
        kind == DestinationKind.BankAccount ? new string(identifier.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant() : identifier.Trim();

    /// <summary>An IBAN must pass its check digits (ISO 13616, mod 97); a crypto address must look like one.</summary>
    public static string? Refuse(DestinationKind kind, string identifier)
    {
        if (kind == DestinationKind.BankAccount)
        {
            if (identifier.Length is < 15 or > 34 || !char.IsLetter(identifier[0]) || !char.IsLetter(identifier[1]))
                return "An IBAN has a country code, check digits and 11 to 30 more characters.";
            var rearranged = identifier[4..] + identifier[..4];
            var remainder = 0;
            foreach (var ch in rearranged)
            {
                var value = char.IsDigit(ch) ? ch - '0' : ch - 'A' + 10;
                remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
            }
            return remainder == 1 ? null : "The IBAN's check digits do not match: a typing mistake?";
        }
        if (kind == DestinationKind.CryptoAddress && (identifier.Length is < 26 or > 90 || !identifier.All(char.IsLetterOrDigit)))
            return "That does not look like a crypto address (26 to 90 letters and digits).";
        return null;
    }

    public static string LabelFor(DestinationKind kind, string identifier, string? bank) => kind switch
    {
        DestinationKind.BankAccount => $"IBAN {identifier[..4]} … {identifier[^4..]}{(string.IsNullOrWhiteSpace(bank) ? "" : " · " + bank.Trim())}",
        DestinationKind.CryptoAddress => $"Address {identifier[..6]}…{identifier[^4..]}",
        _ => $"Card {identifier}",
    };

    /// <summary>Whether the client already has this card as a destination: a fixed statement, run for every card deposit credited.</summary>
    private static async Task<bool> CardKnown(BackOfficeDb db, long clientId, string fingerprint, CancellationToken ct) =>
        (await db.ReadAsync<PayoutDestination, int>("destinations.card-known", d =>
        {
            var (table, c) = AppendOnlyInsert.Names<PayoutDestination>(d);
            return $"SELECT 1 FROM {table} WHERE {c(nameof(PayoutDestination.ClientId))} = @p0 AND {c(nameof(PayoutDestination.Kind))} = @p1 "
                   + $"AND {c(nameof(PayoutDestination.Identifier))} = @p2 LIMIT 1";
        }, _ => 1, ct, (nameof(PayoutDestination.ClientId), clientId), (nameof(PayoutDestination.Kind), DestinationKind.Card),
            (nameof(PayoutDestination.Identifier), fingerprint))).Count > 0;

    /// <summary>
    /// A card that paid a credited deposit is a verified destination: the payment itself proved the client holds it.
    /// Added on the deposit's crediting so card money can go back to its card.
    /// </summary>
    public static async Task EnsureCardAsync(BackOfficeDb db, long clientId, string fingerprint, string holder, DateTime now, CancellationToken ct)
    {
        if (db.Tracked<PayoutDestination>().Any(d => d.ClientId == clientId && d.Kind == DestinationKind.Card && d.Identifier == fingerprint)
            || await CardKnown(db, clientId, fingerprint, ct))
            return;
        db.PayoutDestinations.Add(new PayoutDestination
        {
            ClientId = clientId, Kind = DestinationKind.Card, Identifier = fingerprint, HolderName = holder,
            Label = $"Card {(fingerprint.Length > 8 ? fingerprint[^6..] : fingerprint)} (paid a deposit)", Status = DestinationStatus.Verified,
            AddedBy = "system", AddedAt = now, VerifiedBy = "the deposit's payment", VerifiedAt = now,
        });
    }
}
