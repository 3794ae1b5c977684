using BackOffice.Core.Common;

namespace BackOffice.Core.Webhooks;

public static class WebhookPermissions
{
    public const string Manage = "admin.webhooks";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(Manage, "Integrations", "Configure webhook subscribers, read the delivery log, retry deliveries"),
    ];
}
