namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// What the rules know about a client besides the event itself: recent events (the window should reach back as far
/// as the longest rule window, a year by default), the declared yearly volume, the name on the account, and when the
/// client last deposited, withdrew or traded before the earliest event listed.
/// </summary>
public sealed record ClientActivity(long ClientId, string HolderName, IReadOnlyList<MonitoringEvent> Events)
{
    public decimal? DeclaredYearlyVolumeUsd { get; init; }

    public DateTime? LastActivityAt { get; init; }

    /// <summary>Fingerprints of every instrument the client has ever deposited from, beyond those in <see cref="Events"/>.</summary>
    public IReadOnlyCollection<string> KnownDepositSources { get; init; } = [];

    /// <summary>The events before <paramref name="ev"/>, oldest first; events at the same instant are ordered by id.</summary>
    public IReadOnlyList<MonitoringEvent> Before(MonitoringEvent ev) =>
        [.. Events.Where(e => e.Id != ev.Id && (e.At < ev.At || (e.At == ev.At && e.Id < ev.Id))).OrderBy(e => e.At).ThenBy(e => e.Id)];
}
