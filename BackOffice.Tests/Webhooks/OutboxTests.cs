using System.Collections.Concurrent;
using System.Net;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff.Members;
using BackOffice.Core.Webhooks;
using BackOffice.Infrastructure.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BackOffice.Tests.Webhooks;

/// <summary>A subscriber on 127.0.0.1 that records what it receives and answers with a chosen status.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<(string Signature, string EventId, string Body)> Received { get; } = new();
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;
    public string Url { get; }

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? self = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            self!.Received.Enqueue((http.Request.Headers[WebhookSignature.Header].ToString(), http.Request.Headers["BackOffice-Event-Id"].ToString(), body));
            return Results.StatusCode((int)self.Answer);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new WebhookReceiver(app, address + "/hook");
        return self;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

[Trait("Category", "Database")]
public sealed class OutboxTests
{
    private static TestApp NewApp() => new(kestrel: false, settings: new() { ["Outbox:BackgroundDelivery"] = "false", ["Outbox:MaxAttempts"] = "3" });

    private static WebhookDispatcher Dispatcher(TestApp app) => app.Services.GetServices<IHostedService>().OfType<WebhookDispatcher>().Single();

    [Fact]
    public void The_signature_matches_the_card_psp_test_vector()
    {
        const string body = """{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","amount":15000,"currency":"usd","metadata":{"deposit_id":"42"}}}}""";
        Assert.Equal("d403941bfb5a175bdff2f0d8df3a6542e5e428e5be9f3c3b55c97b31ed6ed476", WebhookSignature.Sign("whsec_test_backoffice", 1767225600, body));
        Assert.True(WebhookSignature.Verify("whsec_test_backoffice", "t=1767225600,v0=bad,v1=d403941bfb5a175bdff2f0d8df3a6542e5e428e5be9f3c3b55c97b31ed6ed476", body, 1767225700));
        Assert.False(WebhookSignature.Verify("whsec_test_backoffice", "t=1767225600,v1=d403941bfb5a175bdff2f0d8df3a6542e5e428e5be9f3c3b55c97b31ed6ed476", body, 1767225600 + 301));
        Assert.False(WebhookSignature.Verify("whsec_other", "t=1767225600,v1=d403941bfb5a175bdff2f0d8df3a6542e5e428e5be9f3c3b55c97b31ed6ed476", body, 1767225600));
    }

    [Fact]
    public async Task An_event_is_delivered_once_signed_and_with_its_event_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = NewApp();
        var sub = await app.SendAs("admin", new AddWebhookSubscription("CRM", receiver.Url, "staff.created"));
        Must.Succeed(sub);
        Must.Succeed(await app.SendAs("admin", new CreateStaffMember("dana", "Dana Desk", "dana@example.com", "long-enough-password")));

        Assert.Equal(1, await Dispatcher(app).DeliverDueAsync(CancellationToken.None));
        Assert.Equal(0, await Dispatcher(app).DeliverDueAsync(CancellationToken.None)); // nothing is sent twice

        var (signature, eventId, body) = Assert.Single(receiver.Received);
        Assert.Contains("\"type\":\"staff.created\"", body, StringComparison.Ordinal);
        Assert.Contains("dana", body, StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(sub.Value!.Secret, signature, body, app.Clock.GetUtcNow().ToUnixTimeSeconds()));
        var message = await app.Db(db => db.Outbox.SingleAsync());
        Assert.Equal(OutboxStatus.Delivered, message.Status);
        Assert.Equal(message.EventId.ToString(), eventId);
    }

    [Fact]
    public async Task A_failing_subscriber_is_retried_with_back_off_then_dead_lettered_with_an_alert()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = HttpStatusCode.InternalServerError;
        await using var app = NewApp();
        Must.Succeed(await app.SendAs("admin", new AddWebhookSubscription("CRM", receiver.Url, "*")));
        Must.Succeed(await app.SendAs("admin", new CreateStaffMember("erin", "Erin", "erin@example.com", "long-enough-password")));

        await Dispatcher(app).DeliverDueAsync(CancellationToken.None);
        var first = await app.Db(db => db.Outbox.SingleAsync());
        Assert.Equal(1, first.Attempts);
        Assert.Equal(OutboxStatus.Pending, first.Status);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(10), first.NextAttemptAt);
        Assert.Equal(0, await Dispatcher(app).DeliverDueAsync(CancellationToken.None)); // not due yet

        app.Clock.Advance(TimeSpan.FromSeconds(10));
        await Dispatcher(app).DeliverDueAsync(CancellationToken.None);
        var second = await app.Db(db => db.Outbox.SingleAsync());
        Assert.Equal(2, second.Attempts);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(20), second.NextAttemptAt); // doubled

        app.Clock.Advance(TimeSpan.FromSeconds(20));
        await Dispatcher(app).DeliverDueAsync(CancellationToken.None);
        var dead = await app.Db(db => db.Outbox.SingleAsync(m => m.EventType == "staff.created"));
        Assert.Equal(OutboxStatus.DeadLettered, dead.Status);
        Assert.Equal(3, receiver.Received.Count);
        var alert = await app.Db(db => db.Alerts.SingleAsync(a => a.Kind == AlertKinds.WebhookDeadLetter));
        Assert.Contains("staff.created", alert.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.Db(db => db.Outbox.CountAsync(m => m.EventType == "alert.raised"))); // the dead receiver is not told about itself

        // An operator retries it by hand once the receiver is back.
        receiver.Answer = HttpStatusCode.OK;
        Must.Succeed(await app.SendAs("admin", new RetryDelivery(dead.Id)));
        await Dispatcher(app).DeliverDueAsync(CancellationToken.None);
        Assert.Equal(OutboxStatus.Delivered, (await app.Db(db => db.Outbox.SingleAsync(m => m.Id == dead.Id))).Status);
    }

    [Fact]
    public async Task A_subscriber_url_that_is_not_http_is_refused()
    {
        await using var app = NewApp();
        foreach (var url in new[] { "ftp://crm.example/hook", "file:///etc/passwd", "crm.example/hook", "" })
        {
            var error = Must.Fail(await app.SendAs("admin", new AddWebhookSubscription("CRM", url, "*")), "validation");
            Assert.Contains("Url", error.Fields!.Keys);
        }
        Assert.Equal(0, await app.Db(db => db.WebhookSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task Two_web_nodes_dispatching_at_once_send_each_attempt_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = NewApp();
        Must.Succeed(await app.SendAs("admin", new AddWebhookSubscription("CRM", receiver.Url, "staff.created")));
        for (var i = 0; i < 5; i++)
            Must.Succeed(await app.SendAs("admin", new CreateStaffMember($"pair{i}", $"Pair {i}", $"pair{i}@example.com", "long-enough-password")));

        // Two dispatchers (as on two nodes) run their rounds at the same moment.
        var rounds = await Task.WhenAll(Dispatcher(app).DeliverDueAsync(CancellationToken.None), Dispatcher(app).DeliverDueAsync(CancellationToken.None));
        Assert.Equal(5, rounds.Sum());
        Assert.Equal(5, receiver.Received.Count);
        Assert.Equal(5, receiver.Received.Select(r => r.EventId).Distinct().Count());
        Assert.All(await app.Db(db => db.Outbox.ToListAsync()), m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public async Task A_paused_subscriber_receives_nothing_until_it_is_resumed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = NewApp();
        var sub = await app.SendAs("admin", new AddWebhookSubscription("CRM", receiver.Url, "staff.created"));
        Must.Succeed(await app.SendAs("admin", new CreateStaffMember("paused", "Paused", "paused@example.com", "long-enough-password")));
        Must.Succeed(await app.SendAs("admin", new SetWebhookSubscriptionActive(sub.Value!.Id, false)));
        Assert.Equal(0, await Dispatcher(app).DeliverDueAsync(CancellationToken.None));
        Assert.Empty(receiver.Received);
        Must.Succeed(await app.SendAs("admin", new SetWebhookSubscriptionActive(sub.Value!.Id, true)));
        Assert.Equal(1, await Dispatcher(app).DeliverDueAsync(CancellationToken.None));
        Assert.Single(receiver.Received);
    }
}
