using System.Text;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Outbox;

/// <summary>
/// Delivers due outbox messages to their subscribers, signed, and reports each attempt as a
/// command (so retries, dead letters and alerts are audited like everything else).
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory http, TimeProvider clock,
    IOptions<OutboxOptions> options, ILogger<WebhookDispatcher> log) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundDelivery) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await DeliverDueAsync(stoppingToken);
                if (delivered == 0)
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Outbox dispatch round failed");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One round: every message due now whose subscriber is active is claimed and tried once.
    /// Returns how many were tried. A message a paused subscriber would receive waits.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var tried = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await (
            from m in db.Outbox.AsNoTracking()
            join s in db.WebhookSubscriptions.AsNoTracking() on m.SubscriptionId equals s.Id
            where m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && s.Active
            orderby m.NextAttemptAt
            select new { Message = m, Subscription = s }).Take(50).ToListAsync(ct);

        foreach (var item in due)
        {
            if (!await ClaimAsync(db, item.Message, now, ct))
                continue; // another web node took it
            tried++;
            var (ok, status, error) = await PostAsync(item.Message, item.Subscription, ct);
            var outcome = await scopes.SendAsAsync(new RecordDeliveryAttempt(item.Message.Id, ok, status, error), Actor.System("outbox"), ct);
            if (!outcome.Succeeded)
                log.LogWarning("Recording delivery of {MessageId} refused: {Error}", item.Message.Id, outcome.Error!.Message);
        }
        return tried;
    }

    /// <summary>
    /// Takes a lease on the message (pushes its next attempt past the request timeout) if nobody
    /// changed it since it was read: with several web nodes, exactly one sends each attempt.
    /// </summary>
    private async Task<bool> ClaimAsync(BackOfficeDb db, OutboxMessage message, DateTime now, CancellationToken ct)
    {
        var lease = now.AddSeconds(options.Value.TimeoutSeconds * 2 + 5);
        return await db.Outbox
            .Where(m => m.Id == message.Id && m.Version == message.Version && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, m => m.Version + 1).SetProperty(m => m.NextAttemptAt, lease), ct) == 1;
    }

    private async Task<(bool, int?, string?)> PostAsync(OutboxMessage message, WebhookSubscription subscription, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(subscription.Secret, timestamp, message.Payload));
        request.Headers.Add("BackOffice-Event-Id", message.EventId.ToString());
        request.Headers.Add("BackOffice-Event-Type", message.EventType);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (true, code, null) : (false, code, $"HTTP {code} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (false, null, ex is TaskCanceledException ? "Timed out." : ex.Message);
        }
    }
}
