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
    public const string Withdraw = "withdrawals.create";
    public const string ApproveL1 = "withdrawals.approve.l1";
    public const string ApproveL2 = "withdrawals.approve.l2";
    public const string ApproveL3 = "withdrawals.approve.l3";
    public const string Payout = "withdrawals.payout";
    public const string Destinations = "destinations.verify";
    public const string Transfer = "transfers.create";
    public const string Refund = "deposits.refund";
    public const string Policy = "withdrawals.policy";
    public const string Correct = "ledger.correct";
    public const string ApproveCorrection = "ledger.correct.approve";
    public const string Reconcile = "funds.reconcile";
    public const string ApproveWriteOff = "funds.reconcile.writeoff";

    public static string ApproveAt(Withdrawals.ApprovalLevel level) => level switch
    {
        Withdrawals.ApprovalLevel.L1 => ApproveL1,
        Withdrawals.ApprovalLevel.L2 => ApproveL2,
        _ => ApproveL3,
    };

    public static readonly PermissionInfo[] Catalogue =
    [
        new(View, "Funds", "See deposits, withdrawals, balances and a client's money history"),
        new(Deposit, "Funds", "Start a deposit on a client's behalf (card or crypto checkout, or a wire reference)"),
        new(ConfirmDeposit, "Funds", "Confirm a bank wire from the statement, and deposits that wait for a finance confirmation"),
        new(ReviewDeposit, "Funds", "Decide deposits in manual review: third-party payer, amount or currency not as ordered"),
        new(Channels, "Funds", "Configure payment channels: currencies, limits, fees, countries, account types, automatic approval"),
        new(Ledger, "Funds", "Explore the ledger: accounts, balances and every entry"),
        new(LedgerCheck, "Funds", "Run the ledger check that recomputes every balance from its entries"),
        new(Withdraw, "Funds", "Enter a withdrawal request on a client's behalf, and cancel one before approval"),
        new(ApproveL1, "Funds", "Approve or reject withdrawals at level 1"),
        new(ApproveL2, "Funds", "Approve or reject withdrawals at level 2 (after level 1, by someone else)"),
        new(ApproveL3, "Funds", "Approve or reject withdrawals at level 3 (after level 2, by someone else)"),
        new(Payout, "Funds", "Execute approved withdrawals: send the provider payout or record a wire's payment voucher"),
        new(Destinations, "Funds", "Verify or refuse a client's payout destination (bank account, crypto address)"),
        new(Transfer, "Funds", "Move money between two accounts of the same client"),
        new(Refund, "Funds", "Refund a deposit to its source (card, crypto sender or the ordering bank account)"),
        new(Policy, "Funds", "Change the withdrawal approval policy (amount bands × risk × method → level), with a second approver"),
        new(Correct, "Funds", "Request a balance correction (credit or debit with a category and reason)"),
        new(ApproveCorrection, "Funds", "Approve or reject balance corrections requested by someone else (four-eyes)"),
        new(Reconcile, "Funds", "Import settlement reports and bank statements, and resolve reconciliation breaks (link, create the missing deposit, request a write-off)"),
        new(ApproveWriteOff, "Funds", "Approve or reject reconciliation write-offs requested by someone else (four-eyes)"),
    ];
}
