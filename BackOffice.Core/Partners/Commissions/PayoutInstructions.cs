using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Operations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Partners.Commissions;

public enum PayoutInstructionKind
{
    /// <summary>Into one of the partner's own trading accounts.</summary>
    IntoAccount,

    /// <summary>Out to a verified destination of the partner's, through the withdrawal flow and its approval levels.</summary>
    Withdrawal,
}

/// <summary>
/// A partner's standing payout instruction: on a day of every month, all of its available commission goes to one place. One is in
/// force per partner at a time; a new one ends the old. The schedule records what it did each month on the instruction.
/// </summary>
public sealed class PayoutInstruction : IVersioned
{
    public long Id { get; set; }
    public long PartnerId { get; set; }
    public PayoutInstructionKind Kind { get; set; }

    /// <summary>The trading account paid into (<see cref="PayoutInstructionKind.IntoAccount"/>).</summary>
    public long? Login { get; set; }

    /// <summary>The payout method and destination (<see cref="PayoutInstructionKind.Withdrawal"/>).</summary>
    public string? Channel { get; set; }

    public long? DestinationId { get; set; }
    public string Currency { get; set; } = "USD";

    /// <summary>1–28, so that every month has the day.</summary>
    public int DayOfMonth { get; set; }

    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime? EndedAt { get; set; }
    public string? EndedBy { get; set; }

    /// <summary>The last month (<c>yyyy-MM</c>) the schedule acted on, and what it did.</summary>
    public string? LastPeriod { get; set; }

    public DateTime? LastRunAt { get; set; }
    public string? LastOutcome { get; set; }
    public long Version { get; set; }

    public const int LatestDay = 28;

    /// <summary>The moment of <paramref name="now"/>'s month at which the instruction falls due.</summary>
    public DateTime DueIn(DateTime now, int hourUtc) => new(now.Year, now.Month, DayOfMonth, hourUtc, 0, 0, DateTimeKind.Utc);

    /// <summary>Due at <paramref name="now"/>: in force, its day and hour of this month passed after it was made, and not yet acted on this month.</summary>
    public bool IsDue(DateTime now, int hourUtc) =>
        Active && DueIn(now, hourUtc) is var due && due <= now && due >= CreatedAt && LastPeriod != Period(now);

    public static string Period(DateTime at) => at.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Makes a standing instruction for a partner's commission: on <see cref="DayOfMonth"/> of every month, everything available goes into
/// trading account <see cref="Login"/> (in its currency), or out through <see cref="Channel"/> to destination <see cref="DestinationId"/> (the
/// commission held in <see cref="Currency"/>). A second manager approves it.
/// </summary>
[RequiresPermission(PartnerPermissions.Manage)]
[FourEyes(PartnerPermissions.Approve)]
public sealed record SetPayoutInstruction(long PartnerId, long? Login, string? Channel, long? DestinationId, int DayOfMonth, string Reason, string Currency = "USD")
    : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"Pay partner {PartnerId}'s commission every month on day {DayOfMonth} " +
                                (Login is { } login ? $"into account {login}" : $"out through {Channel} to destination {DestinationId}");
}

public sealed class SetPayoutInstructionValidator : AbstractValidator<SetPayoutInstruction>
{
    public SetPayoutInstructionValidator()
    {
        RuleFor(x => x.DayOfMonth).InclusiveBetween(1, PayoutInstruction.LatestDay)
            .WithMessage($"The day of the month is 1 to {PayoutInstruction.LatestDay}, so that every month has it.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
        RuleFor(x => x.Login).NotNull().When(x => x.Channel is null && x.DestinationId is null)
            .WithMessage("Choose where the money goes: a trading account, or a payout method and destination.");
        RuleFor(x => x.Login).Null().When(x => x.Channel is not null || x.DestinationId is not null)
            .WithMessage("Either a trading account or a payout method and destination, not both.");
        RuleFor(x => x.Channel).NotEmpty().When(x => x.DestinationId is not null).WithMessage("Choose a payout method.");
        RuleFor(x => x.DestinationId).NotNull().When(x => !string.IsNullOrEmpty(x.Channel)).WithMessage("Choose where the money goes.");
    }
}

/// <summary>Checks an instruction's target before it is sent for approval, and again when it is executed.</summary>
public sealed class PayoutInstructionRules(BackOfficeDb db)
{
    public async Task<(Partner?, string Currency, Error?)> CheckAsync(SetPayoutInstruction command, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PartnerId, ct);
        if (partner is null) return (null, "", Error.NotFound("The partner"));
        if (partner.Status == PartnerStatus.Terminated)
            return (partner, "", Error.Rule("payout.terminated", $"{partner.Code} is terminated; it gets no standing instruction."));
        if (command.Login is { } login)
        {
            var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Login == login, ct);
            return account is null || account.ClientId != partner.ClientId || account.IsDemo
                ? (partner, "", Error.Rule("payout.account", $"Account {login} is not a live account of partner {partner.Code}."))
                : (partner, account.Currency, null);
        }
        var channel = await db.PaymentChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Code == command.Channel!.Trim().ToLower(), ct);
        if (channel is null || !channel.Withdrawals) return (partner, "", Error.NotFound($"The payout method '{command.Channel}'"));
        var destination = await db.PayoutDestinations.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == command.DestinationId && d.ClientId == partner.ClientId, ct);
        if (destination is null) return (partner, "", Error.NotFound($"The payout destination of {partner.Code}"));
        return destination.Status != DestinationStatus.Verified
            ? (partner, "", Error.Rule("payout.destination", $"{destination.Label} is not verified yet; finance verifies it before money goes there."))
            : (partner, command.Currency.Trim().ToUpperInvariant(), null);
    }
}

public sealed class SetPayoutInstructionPrecheck(PayoutInstructionRules rules) : ICommandPrecheck<SetPayoutInstruction>
{
    public async ValueTask<Error?> CheckAsync(SetPayoutInstruction command, CancellationToken ct) => (await rules.CheckAsync(command, ct)).Item3;
}

public sealed class SetPayoutInstructionHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, PayoutInstructionRules rules)
    : ICommandHandler<SetPayoutInstruction, Result<long>>
{
    public async ValueTask<Result<long>> Handle(SetPayoutInstruction command, CancellationToken ct)
    {
        var (partner, currency, refused) = await rules.CheckAsync(command, ct);
        if (refused is not null) return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in await db.PayoutInstructions.Where(i => i.PartnerId == partner!.Id && i.Active).ToListAsync(ct))
            PayoutInstructions.End(old, now, context.ActedBy);
        var instruction = new PayoutInstruction
        {
            PartnerId = partner!.Id, Kind = command.Login is null ? PayoutInstructionKind.Withdrawal : PayoutInstructionKind.IntoAccount,
            Login = command.Login, Channel = command.Channel?.Trim().ToLower(), DestinationId = command.DestinationId, Currency = currency,
            DayOfMonth = command.DayOfMonth, CreatedAt = now, CreatedBy = context.ActedBy, Reason = command.Reason.Trim(),
        };
        db.PayoutInstructions.Add(instruction);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(Partner), partner.Id.ToString());
        return instruction.Id;
    }
}

/// <summary>Ends a partner's standing payout instruction: nothing more is paid by schedule. Stopping money going out needs no second person.</summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record EndPayoutInstruction(long PartnerId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"End partner {PartnerId}'s standing payout instruction";
}

public sealed class EndPayoutInstructionValidator : AbstractValidator<EndPayoutInstruction>
{
    public EndPayoutInstructionValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class EndPayoutInstructionHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context)
    : ICommandHandler<EndPayoutInstruction, Result>
{
    public async ValueTask<Result> Handle(EndPayoutInstruction command, CancellationToken ct)
    {
        var instruction = await db.PayoutInstructions.FirstOrDefaultAsync(i => i.PartnerId == command.PartnerId && i.Active, ct);
        if (instruction is null) return Error.NotFound("A standing payout instruction of this partner");
        PayoutInstructions.End(instruction, clock.GetUtcNow().UtcDateTime, context.ActedBy);
        effects.About(nameof(Partner), command.PartnerId.ToString());
        return Result.Ok();
    }
}

/// <summary>
/// The schedule acts on an instruction for a month: everything available is paid into the account, or a withdrawal of it is requested
/// (finance approves and pays it like any other). Less than the smallest payout, or a partner that is not active, and nothing moves;
/// the month is recorded either way, so the instruction acts once a month. Returns what it did, or an empty text when it had nothing to do.
/// </summary>
[SystemCommand]
public sealed record ExecutePayoutInstruction(long InstructionId, string Period) : IBackOfficeCommand<Result<string>>;

public sealed class ExecutePayoutInstructionHandler(BackOfficeDb db, Effects effects, TimeProvider clock, PartnerPayoutRules payouts, IOptions<PartnersOptions> options,
    ICommandHandler<PayPartnerCommission, Result<string>> pay, ICommandHandler<WithdrawPartnerCommission, Result<WithdrawalRequested>> withdraw)
    : ICommandHandler<ExecutePayoutInstruction, Result<string>>
{
    public async ValueTask<Result<string>> Handle(ExecutePayoutInstruction command, CancellationToken ct)
    {
        var instruction = await db.PayoutInstructions.FirstOrDefaultAsync(i => i.Id == command.InstructionId, ct);
        if (instruction is null) return Error.NotFound("The payout instruction");
        if (!instruction.Active || instruction.LastPeriod == command.Period) return "";
        var partner = await db.Partners.AsNoTracking().FirstAsync(p => p.Id == instruction.PartnerId, ct);
        var available = await payouts.AvailableAsync(partner.Id, instruction.Currency, ct);
        var minimum = Money.From(options.Value.MinimumPayout, instruction.Currency).Value;
        string outcome;
        if (partner.Status != PartnerStatus.Active)
            outcome = $"Nothing paid: {partner.Code} is {partner.Status.ToString().ToLowerInvariant()}; its {available} waits.";
        else if (available < minimum)
            outcome = $"Nothing paid: {available} available, less than the smallest payout of {minimum}; it waits for next month.";
        else if (instruction.Kind == PayoutInstructionKind.IntoAccount)
        {
            var paid = await pay.Handle(new PayPartnerCommission(partner.Id, instruction.Login!.Value, available.Amount,
                $"Standing instruction {instruction.Id}, {command.Period}"), ct);
            if (!paid.Succeeded) return paid.Error!;
            outcome = $"Paid {available} into account {instruction.Login} ({paid.Value}).";
        }
        else
        {
            var asked = await withdraw.Handle(new WithdrawPartnerCommission(partner.Id, instruction.Channel!, instruction.DestinationId!.Value,
                available.Amount, instruction.Currency), ct);
            if (!asked.Succeeded) return asked.Error!;
            outcome = $"Withdrawal {asked.Value!.Reference} of {available} requested" +
                      (asked.Value.Level == ApprovalLevel.Automatic ? ", approved by the policy." : $"; it waits for {asked.Value.Level} approval.");
        }
        PayoutInstructions.Record(instruction, command.Period, clock.GetUtcNow().UtcDateTime, outcome);
        effects.About(nameof(Partner), partner.Id.ToString());
        return outcome;
    }
}

/// <summary>
/// The schedule could not pay a month (the withdrawal checks refused it, the account was closed…): the month is recorded with the
/// reason, so it is not tried again until next month, and the partner managers are alerted.
/// </summary>
[SystemCommand]
public sealed record HoldPayoutInstruction(long InstructionId, string Period, string Why) : IBackOfficeCommand<Result>;

public sealed class HoldPayoutInstructionHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<HoldPayoutInstruction, Result>
{
    public async ValueTask<Result> Handle(HoldPayoutInstruction command, CancellationToken ct)
    {
        var instruction = await db.PayoutInstructions.FirstOrDefaultAsync(i => i.Id == command.InstructionId, ct);
        if (instruction is null) return Error.NotFound("The payout instruction");
        if (instruction.LastPeriod == command.Period) return Result.Ok();
        var code = await db.Partners.Where(p => p.Id == instruction.PartnerId).Select(p => p.Code).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        PayoutInstructions.Record(instruction, command.Period, now, "Not paid: " + command.Why);
        AlertKinds.Raise(db, effects, now, AlertKinds.ScheduledPayoutFailed, AlertSeverity.Warning,
            $"The scheduled commission payout of {code} for {command.Period} was not made: {command.Why}", nameof(Partner), instruction.PartnerId.ToString());
        effects.About(nameof(Partner), instruction.PartnerId.ToString());
        return Result.Ok();
    }
}

public static class PayoutInstructions
{
    internal static void End(PayoutInstruction instruction, DateTime now, string by)
    {
        instruction.Active = false;
        instruction.EndedAt = now;
        instruction.EndedBy = by;
    }

    internal static void Record(PayoutInstruction instruction, string period, DateTime now, string outcome)
    {
        instruction.LastPeriod = period;
        instruction.LastRunAt = now;
        instruction.LastOutcome = outcome.Length > 500 ? outcome[..500] : outcome;
    }

    /// <summary>Where the money goes, in words: "account 1001234" or "Barclays …3000 through Bank wire".</summary>
    public static async Task<string> DescribeAsync(BackOfficeDb db, PayoutInstruction i, CancellationToken ct)
    {
        if (i.Login is { } login) return $"into account {login}";
        var target = await (from d in db.PayoutDestinations.AsNoTracking()
                            from c in db.PaymentChannels.AsNoTracking()
                            where d.Id == i.DestinationId && c.Code == i.Channel
                            select new { d.Label, c.Name }).FirstOrDefaultAsync(ct);
        return target is null ? $"out through {i.Channel}" : $"out to {target.Label} through {target.Name}";
    }
}

/// <summary>A standing payout instruction as the screens show it.</summary>
public sealed record PayoutInstructionView(long Id, long PartnerId, string PartnerCode, string PayTo, int DayOfMonth, string Currency, DateTime CreatedAt,
    string CreatedBy, string Reason, string? LastPeriod, DateTime? LastRunAt, string? LastOutcome);

/// <summary>The standing payout instructions in force: every partner's, or one partner's.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record StandingPayoutInstructions(long? PartnerId = null) : IBackOfficeQuery<IReadOnlyList<PayoutInstructionView>>;

public sealed class StandingPayoutInstructionsHandler(BackOfficeDb db) : IQueryHandler<StandingPayoutInstructions, IReadOnlyList<PayoutInstructionView>>
{
    public async ValueTask<IReadOnlyList<PayoutInstructionView>> Handle(StandingPayoutInstructions query, CancellationToken ct)
    {
        var rows = await (from i in db.PayoutInstructions.AsNoTracking()
                          join p in db.Partners.AsNoTracking() on i.PartnerId equals p.Id
                          where i.Active && (query.PartnerId == null || i.PartnerId == query.PartnerId)
                          orderby p.Code
                          select new { i, p.Code }).Take(1000).ToListAsync(ct);
        var views = new List<PayoutInstructionView>(rows.Count);
        foreach (var r in rows)
            views.Add(new PayoutInstructionView(r.i.Id, r.i.PartnerId, r.Code, await PayoutInstructions.DescribeAsync(db, r.i, ct), r.i.DayOfMonth, r.i.Currency,
                r.i.CreatedAt, r.i.CreatedBy, r.i.Reason, r.i.LastPeriod, r.i.LastRunAt, r.i.LastOutcome));
        return views;
    }
}
