using System.Net;
using System.Text;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Payments;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Core.Operations;
using BackOffice.Infrastructure.Payments;
using BackOffice.Infrastructure.Platform.Simulator;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Funds.Deposits;

[Trait("Category", "Database")]
public sealed class DepositTests(SharedApp app) : IClassFixture<SharedApp>
{
    private const string CardSecret = "whsec_sandbox_card_replace_in_production";

    [Fact]
    public async Task Card_payment_of_a_low_risk_client_is_credited_and_reaches_the_platform_once()
    {
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 150m);
        Assert.StartsWith("D-", started.Reference);
        Assert.Equal(DepositStatus.AwaitingPayment, (await DepositBook.LoadAsync(app, started.DepositId)).Status);

        Assert.Equal(200, await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay));
        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        Assert.Equal(DepositStatus.Credited, deposit.Status);
        Assert.True(deposit.PayerMatch >= 0.99);
        var client = await app.Db(db => db.LedgerAccounts.AsNoTracking().FirstAsync(a => a.Code == DepositMoves.ClientAccount(account.Id)));
        Assert.Equal(15_000, client.BalanceMinor);

        var before = (await ClientBook.Simulator(app).GetStateAsync(account.Login, CancellationToken.None)).Balance;
        Assert.True(await DepositBook.DispatchAsync(app) >= 1);
        Assert.Equal(0, await DepositBook.DispatchAsync(app));
        var state = await ClientBook.Simulator(app).GetStateAsync(account.Login, CancellationToken.None);
        Assert.Equal(before + 150m, state.Balance);
        var op = await app.Db(db => db.PlatformBalanceOperations.AsNoTracking().SingleAsync(o => o.LedgerTransactionId == deposit.LedgerTransactionId));
        Assert.Equal(BalanceOperationStatus.Applied, op.Status);
        Assert.NotNull(op.Ticket);
        Assert.Empty(await app.Db(db => LedgerBook.MismatchesAsync(db, CancellationToken.None)));
        Assert.True(await app.Db(db => db.ActivityEvents.AnyAsync(e => e.ClientId == clientId && e.Kind == Core.Kyc.Monitoring.MonitoringEventKind.Deposit)));
    }

    [Fact]
    public async Task Crypto_invoice_paid_is_credited_less_the_channel_fee()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "crypto", 250m);
        Assert.Equal(200, await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay));
        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        Assert.Equal(DepositStatus.Credited, deposit.Status);
        Assert.Equal(125, deposit.FeeMinor); // 0.5 %
        var balance = await app.Db(db => db.LedgerAccounts.AsNoTracking().Where(a => a.Code == DepositMoves.ClientAccount(account.Id)).Select(a => a.BalanceMinor).FirstAsync());
        Assert.Equal(25_000 - 125, balance);
    }

    [Fact]
    public async Task Declined_card_keeps_the_failure_code_and_credits_nothing()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 90m);
        Assert.Equal(200, await DepositBook.CompleteAsync(app, started, SandboxOutcome.Decline));
        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        Assert.Equal(DepositStatus.Failed, deposit.Status);
        Assert.Equal("insufficient_funds", deposit.FailureCode);
        Assert.Null(deposit.LedgerTransactionId);
        Assert.Equal("Your card has insufficient funds.", deposit.FailureMessage);
    }

    [Fact]
    public async Task Someone_else_paying_goes_to_manual_review_and_is_credited_only_when_accepted()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 200m);
        await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay, payer: "Boris Moneyman");
        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        Assert.Equal((DepositStatus.ManualReview, DepositReviewReason.ThirdPartyPayer), (deposit.Status, deposit.ReviewReason));
        Assert.Null(deposit.LedgerTransactionId);
        Assert.Contains("Boris Moneyman", deposit.ReviewNote);

        Must.Fail(await app.SendAs("finance", new AcceptReviewedDeposit(deposit.Id, "Spouse, documents on file")), "deposit.own_request");
        Must.Fail(await app.SendAs("finance2", new AcceptReviewedDeposit(deposit.Id, "")), "validation");
        Must.Succeed(await app.SendAs("finance2", new AcceptReviewedDeposit(deposit.Id, "Spouse, documents on file")));
        Assert.Equal(DepositStatus.Credited, (await DepositBook.LoadAsync(app, deposit.Id)).Status);
        var again = Must.Fail(await app.SendAs("finance2", new RejectDeposit(deposit.Id, "changed my mind")), "conflict");
        Assert.Contains("already credited", again.Message);
    }

    [Fact]
    public async Task Forged_stale_and_replayed_callbacks_post_nothing()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 120m);
        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        var body = Encoding.UTF8.GetBytes(
            "{\"id\":\"evt_forge_" + deposit.Id + "\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"" + deposit.ProviderOrderId
            + "\",\"amount\":12000,\"amount_received\":12000,\"currency\":\"usd\",\"metadata\":{\"deposit_ref\":\"" + deposit.Reference + "\"}}}}");
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, body, CardWebhook.Sign(body, now, "whsec_guessed"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, body, CardWebhook.Sign(body, now - 3600, CardSecret))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, body, null)).StatusCode);
        Assert.Equal(DepositStatus.AwaitingPayment, (await DepositBook.LoadAsync(app, deposit.Id)).Status);

        var first = await PostAsync(http, body, CardWebhook.Sign(body, now, CardSecret));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var replay = await PostAsync(http, body, CardWebhook.Sign(body, now + 10, CardSecret));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("\"replay\":true", await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.Db(db => db.LedgerTransactions.CountAsync(t => t.Kind == "deposit" && t.Reference == deposit.Reference)));
        var outcomes = await app.Db(db => db.PaymentCallbacks.AsNoTracking().Where(c => c.EventId == $"evt_forge_{deposit.Id}" || c.EventId == null)
            .Select(c => c.Outcome).ToListAsync());
        Assert.Contains(CallbackOutcome.Replayed, outcomes);
        Assert.Contains(CallbackOutcome.Refused, outcomes);
    }

    [Fact]
    public async Task A_callback_for_an_order_we_do_not_know_is_acknowledged_and_changes_nothing()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"evt_unknown_order","type":"payment_intent.succeeded","data":{"object":{"id":"pi_nobody","amount":500,"currency":"usd"}}}""");
        using var http = app.CreateClient();
        var before = await app.Db(db => db.LedgerTransactions.CountAsync());
        var answer = await PostAsync(http, body, CardWebhook.Sign(body, app.Clock.GetUtcNow().ToUnixTimeSeconds(), CardSecret));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("ignored", await answer.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.Db(db => db.LedgerTransactions.CountAsync()));
    }

    [Fact]
    public async Task Platform_down_the_ledger_is_credited_and_the_platform_later_exactly_once()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var simulator = ClientBook.Simulator(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 300m);
        await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay);
        var before = (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance;
        simulator.Mode = SimulatorMode.Down;
        try
        {
            await DepositBook.DispatchAsync(app);
        }
        finally
        {
            simulator.Mode = SimulatorMode.Normal;
        }
        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        Assert.Equal(DepositStatus.Credited, deposit.Status);
        var op = await app.Db(db => db.PlatformBalanceOperations.AsNoTracking().SingleAsync(o => o.LedgerTransactionId == deposit.LedgerTransactionId));
        Assert.Equal((BalanceOperationStatus.Pending, true), (op.Status, op.OutcomeUnknown));
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PlatformOutage && a.Status != AlertStatus.Resolved)));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await DepositBook.DispatchAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await DepositBook.DispatchAsync(app);
        var deals = await simulator.GetDealsAsync(account.Login, DateTime.UtcNow.AddYears(-5), DateTime.UtcNow.AddYears(5), CancellationToken.None);
        Assert.Single(deals, d => d.Comment == op.Comment);
        Assert.Equal(before + 300m, (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance);
    }

    [Fact]
    public async Task Platform_timeout_after_success_sends_no_second_balance_operation()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var simulator = ClientBook.Simulator(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 75m);
        await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay);
        var before = (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance;
        simulator.LoseBalanceAnswers = 1;
        await DepositBook.DispatchAsync(app);
        Assert.Equal(0, simulator.LoseBalanceAnswers);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await DepositBook.DispatchAsync(app);

        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        var op = await app.Db(db => db.PlatformBalanceOperations.AsNoTracking().SingleAsync(o => o.LedgerTransactionId == deposit.LedgerTransactionId));
        Assert.Equal(BalanceOperationStatus.Applied, op.Status);
        Assert.Equal(before + 75m, (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance);
    }

    [Fact]
    public async Task A_wire_is_confirmed_from_the_statement_by_someone_other_than_who_started_it()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "wire", 5_000m);
        Assert.Null(started.CheckoutUrl);
        Assert.Contains(started.Reference, started.Instructions);
        var holder = (await ClientBook.ClientAsync(app, (await ClientBook.AccountAsync(app, account.Id)).ClientId)).DisplayName;

        Must.Fail(await app.SendAs("finance", new ConfirmWireDeposit(started.DepositId, 5_000m, "USD", holder, "STMT-1")), "deposit.own_request");
        Must.Fail(await app.SendAs("support", new ConfirmWireDeposit(started.DepositId, 5_000m, "USD", holder, "STMT-1")), "forbidden");
        Must.Fail(await app.SendAs("finance2", new ConfirmWireDeposit(started.DepositId, 5_000.001m, "USD", holder, "STMT-1")), "validation");
        Assert.Equal(DepositStatus.AwaitingPayment, (await DepositBook.LoadAsync(app, started.DepositId)).Status);

        var confirmed = await app.SendAs("finance2", new ConfirmWireDeposit(started.DepositId, 5_000m, "USD", holder.ToUpperInvariant(), "STMT-1"));
        Must.Succeed(confirmed);
        Assert.Equal(DepositStatus.Credited, (await DepositBook.LoadAsync(app, started.DepositId)).Status);
    }

    [Fact]
    public async Task A_wire_for_less_than_ordered_waits_in_review()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "wire", 1_000m);
        var holder = (await ClientBook.ClientAsync(app, account.ClientId)).DisplayName;
        Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(started.DepositId, 980m, "USD", holder, "STMT-2")));
        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        Assert.Equal((DepositStatus.ManualReview, DepositReviewReason.AmountMismatch), (deposit.Status, deposit.ReviewReason));
    }

    [Theory]
    [InlineData("card", 5, "USD", "channel.minimum")]
    [InlineData("card", 25_000, "USD", "channel.maximum")]
    [InlineData("card", 100, "EUR", "validation")]
    [InlineData("card", 0, "USD", "validation")]
    [InlineData("card", -10, "USD", "validation")]
    [InlineData("card", 10.001, "USD", "validation")]
    [InlineData("paypal", 100, "USD", "not_found")]
    public async Task Bad_deposits_are_refused_with_a_reason_and_start_nothing(string channel, decimal amount, string currency, string code)
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var before = await app.Db(db => db.Deposits.CountAsync());
        Must.Fail(await app.SendAs("finance", new StartDeposit(account.Id, channel, amount, currency)), code);
        Assert.Equal(before, await app.Db(db => db.Deposits.CountAsync()));
    }

    [Fact]
    public async Task A_client_who_may_not_deposit_is_told_why()
    {
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        Must.Succeed(await app.SendAs("compliance", new Core.Accounts.Lifecycle.RestrictClient(clientId, Core.Accounts.Lifecycle.RestrictionCategory.ComplianceHold, "Source of funds")));
        var refused = Must.Fail(await app.SendAs("finance", new StartDeposit(account.Id, "card", 100m, "USD")), "deposit.not_allowed");
        Assert.Contains("restricted", refused.Message);
    }

    [Fact]
    public async Task Two_finance_officers_confirming_at_once_credit_once()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 9_000m); // above automatic approval
        await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay);
        Assert.Equal(DepositStatus.AwaitingConfirmation, (await DepositBook.LoadAsync(app, started.DepositId)).Status);
        var results = await Task.WhenAll(app.SendAs("finance2", new ConfirmDeposit(started.DepositId)), app.SendAs("finance2", new ConfirmDeposit(started.DepositId)));
        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, await app.Db(db => db.LedgerTransactions.CountAsync(t => t.Reference == started.Reference)));
    }

    [Fact]
    public async Task A_chargeback_debits_the_client_once_and_alerts()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 400m);
        await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay);
        var deposit = await DepositBook.LoadAsync(app, started.DepositId);
        var body = Encoding.UTF8.GetBytes("{\"id\":\"evt_dispute_" + deposit.Id + "\",\"type\":\"charge.dispute.created\",\"data\":{\"object\":{\"id\":\"dp_1\",\"object\":\"dispute\","
            + "\"amount\":40000,\"currency\":\"usd\",\"payment_intent\":\"" + deposit.ProviderOrderId + "\",\"reason\":\"fraudulent\"}}}");
        using var http = app.CreateClient();
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, body, CardWebhook.Sign(body, now, CardSecret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, body, CardWebhook.Sign(body, now + 5, CardSecret))).StatusCode);

        Assert.Equal(DepositStatus.ChargedBack, (await DepositBook.LoadAsync(app, deposit.Id)).Status);
        Assert.Equal(0, await app.Db(db => db.LedgerAccounts.AsNoTracking().Where(a => a.Code == DepositMoves.ClientAccount(account.Id)).Select(a => a.BalanceMinor).FirstAsync()));
        Assert.Equal(1, await app.Db(db => db.LedgerTransactions.CountAsync(t => t.Kind == "chargeback" && t.Reference == deposit.Reference)));
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.Chargeback && a.EntityId == deposit.Id.ToString())));
    }

    [Fact]
    public async Task A_credited_card_deposit_is_refunded_through_the_processor_and_a_wire_needs_the_banks_reference()
    {
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var card = await DepositBook.StartAsync(app, account.Id, "card", 250m);
        await DepositBook.CompleteAsync(app, card, SandboxOutcome.Pay);
        Must.Fail(await app.SendAs("finance", new RefundDeposit(card.DepositId, "")), "validation");
        Must.Fail(await app.SendAs("support", new RefundDeposit(card.DepositId, "client asked")), "forbidden");
        var refunded = await app.SendAs("finance", new RefundDeposit(card.DepositId, "Client asked to cancel"));
        Must.Succeed(refunded);
        Assert.Contains("re_sbx_", refunded.Value);
        Assert.Equal(DepositStatus.Refunded, (await DepositBook.LoadAsync(app, card.DepositId)).Status);
        Assert.Equal(0, await app.Db(db => db.LedgerAccounts.AsNoTracking().Where(a => a.Code == DepositMoves.ClientAccount(account.Id)).Select(a => a.BalanceMinor).FirstAsync()));
        Must.Fail(await app.SendAs("finance", new RefundDeposit(card.DepositId, "again")), "conflict");

        var wire = await DepositBook.StartAsync(app, account.Id, "wire", 1_000m);
        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(wire.DepositId, 1_000m, "USD", "Someone Else Entirely", "STMT-9")));
        Must.Succeed(await app.SendAs("finance2", new RejectDeposit(wire.DepositId, "Third party")));
        Must.Fail(await app.SendAs("finance", new RefundDeposit(wire.DepositId, "returned to payer")), "validation");
        Must.Succeed(await app.SendAs("finance", new RefundDeposit(wire.DepositId, "returned to payer", "BARC-RET-1")));
        Assert.Contains("BARC-RET-1", (await DepositBook.LoadAsync(app, wire.DepositId)).ReviewNote);
        Assert.Empty(await app.Db(db => LedgerBook.MismatchesAsync(db, CancellationToken.None)));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments/card") { Content = new ByteArrayContent(body) };
        if (signature is not null) request.Headers.TryAddWithoutValidation(CardWebhook.SignatureHeader, signature);
        return http.SendAsync(request);
    }
}
