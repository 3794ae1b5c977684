using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using BackOffice.Core.Webhooks;

namespace BackOffice.Core.Operations;

/// <summary>Each kind of alert and the permission of the staff it is pushed to.</summary>
public static class AlertKinds
{
    public const string LoginBurst = "security.login_failures";
    public const string NewIpLogin = "security.new_ip";
    public const string WebhookDeadLetter = "outbox.dead_letter";
    public const string PlatformOutage = "platform.outage";
    public const string PlatformSyncFailed = "platform.sync_failed";
    public const string PlatformDrift = "platform.drift";
    public const string DocumentExpired = "kyc.document_expired";
    public const string VerificationFinalReject = "kyc.verification_final_reject";
    public const string AmlAlert = "kyc.aml_alert";
    public const string SanctionsMatch = "kyc.sanctions_match";
    public const string ListImportFailed = "kyc.list_import_failed";
    public const string BadPaymentSignatures = "funds.bad_signatures";
    public const string PaymentCallbackFailed = "funds.callback_failed";
    public const string PlatformBalanceFailed = "funds.platform_balance_failed";
    public const string LedgerMismatch = "funds.ledger_mismatch";
    public const string LargeWithdrawal = "funds.large_withdrawal";
    public const string PayoutFailed = "funds.payout_failed";
    public const string WithdrawalSla = "funds.withdrawal_sla";
    public const string PlatformBalanceDrift = "funds.platform_balance_drift";
    public const string Chargeback = "funds.chargeback";
    public const string CommissionRunFailed = "ib.run_failed";
    public const string SuspendedPartnerDeals = "ib.suspended_partner_deals";
    public const string CommissionSpike = "ib.commission_spike";
    public const string ScheduledPayoutFailed = "ib.scheduled_payout_failed";

    private static readonly Dictionary<string, string> Audience = new()
    {
        [LoginBurst] = StaffPermissions.ViewSecurity,
        [NewIpLogin] = StaffPermissions.ViewSecurity,
        [WebhookDeadLetter] = WebhookPermissions.Manage,
        [PlatformOutage] = Accounts.AccountsPermissions.PlatformSync,
        [PlatformSyncFailed] = Accounts.AccountsPermissions.PlatformSync,
        [PlatformDrift] = Accounts.AccountsPermissions.PlatformSync,
        [DocumentExpired] = Kyc.KycPermissions.View,
        [VerificationFinalReject] = Kyc.KycPermissions.View,
        [AmlAlert] = Kyc.KycPermissions.Aml,
        [SanctionsMatch] = Kyc.KycPermissions.View,
        [ListImportFailed] = Kyc.KycPermissions.Lists,
        [BadPaymentSignatures] = Funds.FundsPermissions.View,
        [PaymentCallbackFailed] = Funds.FundsPermissions.View,
        [PlatformBalanceFailed] = Funds.FundsPermissions.View,
        [LedgerMismatch] = Funds.FundsPermissions.Ledger,
        [LargeWithdrawal] = Funds.FundsPermissions.View,
        [PayoutFailed] = Funds.FundsPermissions.Payout,
        [WithdrawalSla] = Funds.FundsPermissions.View,
        [PlatformBalanceDrift] = Funds.FundsPermissions.View,
        [Chargeback] = Funds.FundsPermissions.View,
        [CommissionRunFailed] = Partners.PartnerPermissions.View,
        [SuspendedPartnerDeals] = Partners.PartnerPermissions.View,
        [CommissionSpike] = Partners.PartnerPermissions.View,
        [ScheduledPayoutFailed] = Partners.PartnerPermissions.View,
    };

    /// <summary>Every permission that some kind of alert is pushed to.</summary>
    public static IReadOnlyList<string> AudiencePermissions { get; } = [.. Audience.Values.Append(OperationsPermissions.ViewAlerts).Distinct().Order()];

    public static string PermissionFor(string kind) => Audience.GetValueOrDefault(kind, OperationsPermissions.ViewAlerts);

    /// <summary>Adds an alert in the current command: persisted with it, pushed after commit, published to subscribers.</summary>
    public static OperationalAlert Raise(BackOfficeDb db, Effects effects, DateTime now, string kind, AlertSeverity severity,
        string message, string? entityType = null, string? entityId = null)
    {
        var alert = new OperationalAlert
        {
            Kind = kind, Severity = severity, Message = message, EntityType = entityType, EntityId = entityId,
            RaisedAt = now, Status = AlertStatus.Open,
        };
        db.Alerts.Add(alert);
        effects.Touch(SpineCounters.OpenAlerts);
        effects.AlertRaised(new RaisedAlert(alert.Id, kind, severity.ToString(), message, PermissionFor(kind)));
        // A receiver that is down must not be told, through itself, that it is down.
        if (kind != WebhookDeadLetter)
            effects.Publish("alert.raised", new { alertId = alert.Id, kind, severity = severity.ToString(), message, entityType, entityId });
        return alert;
    }
}
