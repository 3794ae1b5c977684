using BackOffice.Core.Common;

namespace BackOffice.Core.Accounts;

public static class AccountsPermissions
{
    public const string View = "clients.view";
    public const string Register = "clients.register";
    public const string EditProfile = "clients.edit";
    public const string Crm = "clients.crm";
    public const string Review = "clients.review";
    public const string Restrict = "clients.restrict";
    public const string Close = "clients.close";
    public const string OpenAccount = "accounts.open";
    public const string ChangeLeverage = "accounts.leverage";
    public const string ConfigureTypes = "accounts.types";
    public const string PlatformSync = "platform.sync";
    public const string PlatformSimulator = "platform.simulator";
    public const string ApiKeys = "api.keys";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(View, "Clients", "See clients, their accounts, capabilities and timeline"),
        new(Register, "Clients", "Register a client on their behalf"),
        new(EditProfile, "Clients", "Correct a client's profile"),
        new(Crm, "Clients", "Tags, account manager, sales stage, communications and tasks"),
        new(Review, "Clients", "Move a client through review: submit, request documents, approve"),
        new(Restrict, "Clients", "Restrict a client, and approve lifting a restriction (four-eyes)"),
        new(Close, "Clients", "Close a client's relationship; request or approve a termination (four-eyes)"),
        new(OpenAccount, "Accounts", "Open trading accounts"),
        new(ChangeLeverage, "Accounts", "Request or approve a leverage change (four-eyes)"),
        new(ConfigureTypes, "Accounts", "Configure account types, the capability matrix and sales stages"),
        new(PlatformSync, "Accounts", "See platform sync failures and drift, resync accounts"),
        new(PlatformSimulator, "Accounts", "Steer the embedded platform simulator (demo mode)"),
        new(ApiKeys, "Accounts", "Issue and revoke client API keys"),
    ];
}
