using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc;

public static class KycCounters
{
    public const string Queue = "kyc.queue";
    public const string DocumentsToReview = "kyc.documentsToReview";
    public const string EddOpen = "kyc.eddOpen";
    public const string HighRisk = "kyc.highRisk";
    public const string ExpiringSoon = "kyc.expiringSoon";
    public const string AmlAlerts = "kyc.amlAlerts";
    public const string ScreeningHits = "kyc.screeningHits";

    /// <summary>The counter's window: documents expiring within this many days.</summary>
    public const int ExpiringWithinDays = 30;

    public static IEnumerable<CounterDefinition> All()
    {
        yield return new(Queue, "KYC review queue", KycPermissions.View, "/kyc/queue",
            (db, _, ct) => db.KycCases.CountAsync(c => c.QueuedSince != null, ct));
        yield return new(DocumentsToReview, "Documents to review", KycPermissions.View, "/kyc/queue",
            (db, _, ct) => db.KycDocuments.CountAsync(d => d.Status == DocumentStatus.Submitted, ct));
        yield return new(EddOpen, "Enhanced due diligence open", KycPermissions.View, "/kyc/edd",
            (db, _, ct) => db.EddCases.CountAsync(e => e.Status == Edd.EddStatus.Open, ct));
        yield return new(ExpiringSoon, "Documents expiring within 30 days", KycPermissions.View, "/kyc/expiring",
            (db, now, ct) =>
            {
                var today = DateOnly.FromDateTime(now);
                var until = today.AddDays(ExpiringWithinDays);
                return db.KycDocuments.CountAsync(d => d.Status == DocumentStatus.Accepted && d.ExpiresOn > today && d.ExpiresOn <= until, ct);
            });
        yield return new(AmlAlerts, "Open AML alerts", KycPermissions.Aml, "/kyc/aml",
            (db, _, ct) => db.AmlAlerts.CountAsync(a => a.Status == Monitoring.AmlAlertStatus.Open || a.Status == Monitoring.AmlAlertStatus.Investigating, ct));
        yield return new(ScreeningHits, "Screening hits to decide", KycPermissions.View, "/kyc/screening",
            (db, _, ct) => db.ScreeningHits.CountAsync(h => h.Status == Screening.ScreeningHitStatus.Open, ct));
        yield return new(HighRisk, "High-risk clients", KycPermissions.View, "/kyc/edd",
            (db, _, ct) => db.KycCases.CountAsync(k => k.RiskLevel == Risk.RiskLevel.High, ct));
    }
}
