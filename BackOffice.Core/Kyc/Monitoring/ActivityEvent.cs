namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// A stored <see cref="MonitoringEvent"/>: what the rules judged, kept so later events are judged against it and
/// an alert can name the events behind it.
/// </summary>
public sealed class ActivityEvent
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public MonitoringEventKind Kind { get; set; }
    public DateTime At { get; set; }
    public long AmountMinor { get; set; }
    public string? Currency { get; set; }
    public decimal AmountUsd { get; set; }
    public PaymentMethodKind? MethodKind { get; set; }
    public string? MethodFingerprint { get; set; }
    public string? MethodHolder { get; set; }
    public string? IpCountry { get; set; }
    public decimal TradedVolumeUsd { get; set; }
    public DateTime RecordedAt { get; set; }

    public static ActivityEvent From(MonitoringEvent ev, DateTime now) => new()
    {
        ClientId = ev.ClientId, Kind = ev.Kind, At = DateTime.SpecifyKind(ev.At, DateTimeKind.Utc),
        AmountMinor = ev.AmountMinor, Currency = ev.Currency?.Trim().ToUpperInvariant(), AmountUsd = ev.AmountUsd,
        MethodKind = ev.Method?.Kind, MethodFingerprint = ev.Method?.Fingerprint.Trim(), MethodHolder = ev.Method?.HolderName?.Trim(),
        IpCountry = ev.IpCountry?.Trim().ToUpperInvariant(), TradedVolumeUsd = ev.TradedVolumeUsd, RecordedAt = now,
    };

    public MonitoringEvent ToEvent() => new(Id, ClientId, Kind, DateTime.SpecifyKind(At, DateTimeKind.Utc))
    {
        AmountMinor = AmountMinor, Currency = Currency, AmountUsd = AmountUsd, IpCountry = IpCountry, TradedVolumeUsd = TradedVolumeUsd,
        Method = MethodKind is { } kind && MethodFingerprint is { } fingerprint ? new PaymentMethod(kind, fingerprint, MethodHolder) : null,
    };
}
