using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Partners;

/// <summary>
/// Carries out partners' standing payout instructions: every ten minutes, each instruction whose day and hour of this month have come
/// is executed once for the month. One that cannot be paid is recorded with the reason and raises an alert; one that collided with
/// another node's attempt is left for the next round.
/// </summary>
public sealed class PayoutScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PartnersOptions> options, ILogger<PayoutScheduler> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.BackgroundRuns
        ? BackgroundLoops.EveryAsync(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), ct => RunDueAsync(scopes, clock, options.Value, log, ct),
            clock, log, "Scheduled commission payouts", stoppingToken)
        : Task.CompletedTask;

    /// <summary>Executes every instruction due now. Returns the outcomes, by instruction.</summary>
    public static async Task<IReadOnlyDictionary<long, string>> RunDueAsync(IServiceScopeFactory scopes, TimeProvider clock, PartnersOptions options, ILogger log,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var period = PayoutInstruction.Period(now);
        List<PayoutInstruction> active;
        await using (var scope = scopes.CreateAsyncScope())
            active = await scope.ServiceProvider.GetRequiredService<BackOfficeDb>().PayoutInstructions.AsNoTracking()
                .Where(i => i.Active && i.DayOfMonth <= now.Day && (i.LastPeriod == null || i.LastPeriod != period)).OrderBy(i => i.Id).ToListAsync(ct);
        var outcomes = new Dictionary<long, string>();
        foreach (var instruction in active.Where(i => i.IsDue(now, options.ScheduledPayoutHourUtc)))
        {
            var done = await scopes.SendAsAsync(new ExecutePayoutInstruction(instruction.Id, period), Actor.System("payout-schedule"), ct);
            if (done.Succeeded)
            {
                outcomes[instruction.Id] = done.Value!;
                continue;
            }
            if (done.Error!.Code == "conflict") continue; // another node acted at the same moment: the next round sees its result
            log.LogWarning("The scheduled payout {Instruction} for {Period} was not made: {Error}", instruction.Id, period, done.Error);
            var held = await scopes.SendAsAsync(new HoldPayoutInstruction(instruction.Id, period, done.Error.Message), Actor.System("payout-schedule"), ct);
            outcomes[instruction.Id] = held.Succeeded ? "Not paid: " + done.Error.Message : held.Error!.Message;
        }
        return outcomes;
    }
}
