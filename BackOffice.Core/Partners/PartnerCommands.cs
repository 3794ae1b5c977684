using System.Text.RegularExpressions;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners;

/// <summary>Makes a client a partner under a referral code, at the top of the tree or under an active parent.</summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record CreatePartner(long ClientId, string Code, string? ParentCode) : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"Make client {ClientId} partner {Code}{(ParentCode is null ? "" : $" under {ParentCode}")}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>A client with no partner is attributed to one (first touch: a client already attributed is reassigned instead).</summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record AttributeClient(long ClientId, string PartnerCode) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Attribute client {ClientId} to partner {PartnerCode}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>
/// A client moves to another partner from a date: commissions follow the attribution in force at each deal's time, so
/// deals before the date stay with the first partner. Four-eyes.
/// </summary>
[RequiresPermission(PartnerPermissions.Manage)]
[FourEyes(PartnerPermissions.Approve)]
public sealed record ReassignClient(long ClientId, string PartnerCode, DateTime EffectiveFrom, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Reassign client {ClientId} to partner {PartnerCode} from {EffectiveFrom:yyyy-MM-dd HH:mm} UTC";
}

/// <summary>
/// A partner, with its whole subtree, moves under another parent (or to the top) from a date. Past positions stay in
/// the history, so runs already made are never rewritten. Four-eyes.
/// </summary>
[RequiresPermission(PartnerPermissions.Manage)]
[FourEyes(PartnerPermissions.Approve)]
public sealed record MovePartner(long PartnerId, string? NewParentCode, DateTime EffectiveFrom, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Move partner {PartnerId} under {NewParentCode ?? "the top of the tree"} from {EffectiveFrom:yyyy-MM-dd HH:mm} UTC";
}

/// <summary>Suspends, reactivates or terminates a partner (termination is final).</summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record SetPartnerStatus(long PartnerId, PartnerStatus Status, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Set partner {PartnerId} {Status.ToString().ToLowerInvariant()}";
}

public static partial class PartnerCode
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{2,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Normalise(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public static bool IsValid(string? code) => Pattern().IsMatch(Normalise(code));

    public const string Rule = "A partner code is 3 to 20 letters, digits or dashes, starting with a letter or digit.";
}

public sealed class CreatePartnerValidator : AbstractValidator<CreatePartner>
{
    public CreatePartnerValidator()
    {
        RuleFor(x => x.Code).Must(PartnerCode.IsValid).WithMessage(PartnerCode.Rule);
        RuleFor(x => x.ParentCode).Must(PartnerCode.IsValid).When(x => !string.IsNullOrWhiteSpace(x.ParentCode)).WithMessage(PartnerCode.Rule);
    }
}

public sealed class ReassignClientValidator : AbstractValidator<ReassignClient>
{
    public ReassignClientValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
        RuleFor(x => x.PartnerCode).Must(PartnerCode.IsValid).WithMessage(PartnerCode.Rule);
    }
}

public sealed class MovePartnerValidator : AbstractValidator<MovePartner>
{
    public MovePartnerValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
        RuleFor(x => x.NewParentCode).Must(PartnerCode.IsValid).When(x => !string.IsNullOrWhiteSpace(x.NewParentCode)).WithMessage(PartnerCode.Rule);
    }
}

public sealed class SetPartnerStatusValidator : AbstractValidator<SetPartnerStatus>
{
    public SetPartnerStatusValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

/// <summary>The rules every partner command shares, also run before a four-eyes request is stored.</summary>
public sealed class PartnerRules(BackOfficeDb db)
{
    public async Task<(Partner?, Error?)> ActiveAsync(string code, CancellationToken ct)
    {
        var normalised = PartnerCode.Normalise(code);
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Code == normalised, ct);
        if (partner is null) return (null, Error.Rule("partner.unknown", $"There is no partner {normalised}."));
        return partner.Status == PartnerStatus.Active
            ? (partner, null)
            : (partner, Error.Rule("partner.not_active", $"Partner {partner.Code} is {partner.Status.ToString().ToLowerInvariant()}; it takes no clients or sub-partners."));
    }

    public async Task<Error?> ReassignAsync(ReassignClient command, CancellationToken ct)
    {
        var current = await db.ClientAttributions.AsNoTracking().FirstOrDefaultAsync(a => a.ClientId == command.ClientId && a.To == null, ct);
        if (current is null) return Error.Rule("partner.not_attributed", "The client has no partner yet; attribute it instead.");
        var (partner, refused) = await ActiveAsync(command.PartnerCode, ct);
        if (refused is not null) return refused;
        if (partner!.Id == current.PartnerId) return Error.Conflict($"The client is already with {partner.Code}.");
        if (partner.ClientId == command.ClientId) return Error.Rule("partner.self", "A partner cannot be attributed to itself.");
        return command.EffectiveFrom < current.From
            ? Error.Rule("partner.effective_date", $"The client is with its partner since {current.From:yyyy-MM-dd HH:mm} UTC; a reassignment starts after that.")
            : null;
    }

    public async Task<Error?> MoveAsync(MovePartner command, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PartnerId, ct);
        if (partner is null) return Error.NotFound("The partner");
        var current = await db.PartnerParentLinks.AsNoTracking().FirstAsync(l => l.PartnerId == partner.Id && l.To == null, ct);
        if (command.EffectiveFrom < current.From)
            return Error.Rule("partner.effective_date", $"{partner.Code} sits where it is since {current.From:yyyy-MM-dd HH:mm} UTC; a move starts after that.");
        if (string.IsNullOrWhiteSpace(command.NewParentCode))
            return partner.ParentId is null ? Error.Conflict($"{partner.Code} is already at the top of the tree.") : null;
        var (parent, refused) = await ActiveAsync(command.NewParentCode, ct);
        if (refused is not null) return refused;
        if (parent!.Id == partner.ParentId) return Error.Conflict($"{partner.Code} is already under {parent.Code}.");
        var parents = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.ParentId, ct);
        for (long? at = parent.Id; at is { } id; at = parents.GetValueOrDefault(id))
            if (id == partner.Id)
                return Error.Rule("partner.cycle", parent.Id == partner.Id
                    ? $"{partner.Code} cannot be its own parent."
                    : $"{parent.Code} is below {partner.Code} in the tree; moving {partner.Code} under it would make a cycle.");
        return null;
    }
}

public sealed class PartnerPrechecks(PartnerRules rules) : ICommandPrecheck<ReassignClient>, ICommandPrecheck<MovePartner>
{
    public async ValueTask<Error?> CheckAsync(ReassignClient command, CancellationToken ct) => await rules.ReassignAsync(command, ct);

    public async ValueTask<Error?> CheckAsync(MovePartner command, CancellationToken ct) => await rules.MoveAsync(command, ct);
}

public sealed class PartnerHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, PartnerRules rules) :
    ICommandHandler<CreatePartner, Result<long>>,
    ICommandHandler<AttributeClient, Result>,
    ICommandHandler<ReassignClient, Result>,
    ICommandHandler<MovePartner, Result>,
    ICommandHandler<SetPartnerStatus, Result>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string By => context.Approval is { } a ? $"{a.MakerName} (approved by {a.ApproverName})" : context.Actor.Name;

    public async ValueTask<Result<long>> Handle(CreatePartner command, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        if (client.Status == ClientStatus.Closed) return Error.Rule("client.closed", $"Client {client.Number} is closed.");
        var code = PartnerCode.Normalise(command.Code);
        if (await db.Partners.AnyAsync(p => p.Code == code, ct)) return Error.Conflict($"The code {code} is taken.");
        if (await db.Partners.FirstOrDefaultAsync(p => p.ClientId == client.Id, ct) is { } existing)
            return Error.Conflict($"Client {client.Number} is already partner {existing.Code}.");
        long? parentId = null;
        if (!string.IsNullOrWhiteSpace(command.ParentCode))
        {
            var (parent, refused) = await rules.ActiveAsync(command.ParentCode, ct);
            if (refused is not null) return refused;
            parentId = parent!.Id;
        }
        var partner = new Partner
        {
            Code = code, ClientId = client.Id, Name = client.DisplayName, Status = PartnerStatus.Active, ParentId = parentId, CreatedAt = Now,
            CreatedBy = context.Actor.Name,
        };
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        db.PartnerParentLinks.Add(new PartnerParentLink { PartnerId = partner.Id, ParentId = parentId, From = Now, By = By, Reason = "partner created" });
        effects.About(nameof(Partner), partner.Id.ToString());
        effects.Publish("ib.partner_created", new { partnerId = partner.Id, code, clientId = client.Id, parentId });
        return partner.Id;
    }

    public async ValueTask<Result> Handle(AttributeClient command, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        if (await db.ClientAttributions.AsNoTracking().FirstOrDefaultAsync(a => a.ClientId == client.Id && a.To == null, ct) is { } current)
        {
            var code = await db.Partners.Where(p => p.Id == current.PartnerId).Select(p => p.Code).FirstAsync(ct);
            return Error.Rule("partner.already_attributed", $"Client {client.Number} is with partner {code} (first touch); reassign it instead.");
        }
        var (partner, refused) = await rules.ActiveAsync(command.PartnerCode, ct);
        if (refused is not null) return refused;
        if (partner!.ClientId == client.Id) return Error.Rule("partner.self", "A partner cannot be attributed to itself.");
        Attribute(client.Id, partner, Now, AttributionSource.Staff, null);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(ReassignClient command, CancellationToken ct)
    {
        if (await rules.ReassignAsync(command, ct) is { } refused) return refused;
        var current = await db.ClientAttributions.FirstAsync(a => a.ClientId == command.ClientId && a.To == null, ct);
        var partner = await db.Partners.AsNoTracking().FirstAsync(p => p.Code == PartnerCode.Normalise(command.PartnerCode), ct);
        current.To = command.EffectiveFrom;
        Attribute(command.ClientId, partner, command.EffectiveFrom, AttributionSource.Reassignment, command.Reason.Trim());
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(MovePartner command, CancellationToken ct)
    {
        if (await rules.MoveAsync(command, ct) is { } refused) return refused;
        var partner = await db.Partners.FirstAsync(p => p.Id == command.PartnerId, ct);
        var current = await db.PartnerParentLinks.FirstAsync(l => l.PartnerId == partner.Id && l.To == null, ct);
        long? parentId = string.IsNullOrWhiteSpace(command.NewParentCode)
            ? null
            : await db.Partners.Where(p => p.Code == PartnerCode.Normalise(command.NewParentCode)).Select(p => p.Id).FirstAsync(ct);
        current.To = command.EffectiveFrom;
        db.PartnerParentLinks.Add(new PartnerParentLink
        {
            PartnerId = partner.Id, ParentId = parentId, From = command.EffectiveFrom, By = By, Reason = command.Reason.Trim(),
        });
        partner.ParentId = parentId;
        effects.About(nameof(Partner), partner.Id.ToString());
        effects.Publish("ib.partner_moved", new { partnerId = partner.Id, code = partner.Code, parentId, effectiveFrom = command.EffectiveFrom });
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(SetPartnerStatus command, CancellationToken ct)
    {
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == command.PartnerId, ct);
        if (partner is null) return Error.NotFound("The partner");
        if (partner.Status == command.Status) return Error.Conflict($"{partner.Code} is already {partner.Status.ToString().ToLowerInvariant()}.");
        if (partner.Status == PartnerStatus.Terminated) return Error.Rule("partner.terminated", $"{partner.Code} is terminated; that is final.");
        partner.Status = command.Status;
        partner.StatusReason = command.Reason.Trim();
        db.PartnerStatusChanges.Add(new PartnerStatusChange { PartnerId = partner.Id, Status = command.Status, From = Now, By = By, Reason = partner.StatusReason });
        effects.About(nameof(Partner), partner.Id.ToString());
        return Result.Ok();
    }

    private void Attribute(long clientId, Partner partner, DateTime from, AttributionSource source, string? reason)
    {
        db.ClientAttributions.Add(new ClientAttribution
        {
            ClientId = clientId, PartnerId = partner.Id, From = from, Source = source, By = By, Reason = reason,
        });
        effects.About("Client", clientId.ToString());
        effects.Publish("ib.client_attributed", new { clientId, partnerId = partner.Id, code = partner.Code, from, source = source.ToString() });
    }
}
