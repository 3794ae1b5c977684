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

    /// <summary>One round: every message due now is tried once. Returns how many were tried.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        List<(OutboxMessage Message, WebhookSubscription? Subscription)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var messages = await db.Outbox.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).Take(50).ToListAsync(ct);
            var ids = messages.Select(m => m.SubscriptionId).Distinct().ToList();
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
            due = messages.Select(m => (m, subscriptions.FirstOrDefault(s => s.Id == m.SubscriptionId))).ToList();
        }

        foreach (var (message, subscription) in due)
        {
            var (ok, status, error) = subscription is null
                ? (false, (int?)null, "The subscription no longer exists.")
                : await PostAsync(message, subscription, ct);
            var outcome = await scopes.SendAsAsync(new RecordDeliveryAttempt(message.Id, ok, status, error), Actor.System("outbox"), ct);
            if (!outcome.Succeeded)
                log.LogWarning("Recording delivery of {MessageId} refused: {Error}", message.Id, outcome.Error!.Message);
        }
        return due.Count;
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
