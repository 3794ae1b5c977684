using BackOffice.Core.Common;

namespace BackOffice.Core.Funds;

public static class FundsPermissions
{
    public const string View = "funds.view";
    public const string Deposit = "deposits.create";
    public const string ConfirmDeposit = "deposits.confirm";
    public const string ReviewDeposit = "deposits.review";
    public const string Channels = "funds.channels";
    public const string Ledger = "ledger.view";
    public const string LedgerCheck = "ledger.check";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(View, "Funds", "See deposits, withdrawals, balances and a client's money history"),
        new(Deposit, "Funds", "Start a deposit on a client's behalf (card or crypto checkout, or a wire reference)"),
        new(ConfirmDeposit, "Funds", "Confirm a bank wire from the statement, and deposits that wait for a finance confirmation"),
        new(ReviewDeposit, "Funds", "Decide deposits in manual review: third-party payer, amount or currency not as ordered"),
        new(Channels, "Funds", "Configure payment channels: currencies, limits, fees, countries, account types, automatic approval"),
        new(Ledger, "Funds", "Explore the ledger: accounts, balances and every entry"),
        new(LedgerCheck, "Funds", "Run the ledger check that recomputes every balance from its entries"),
    ];
}
