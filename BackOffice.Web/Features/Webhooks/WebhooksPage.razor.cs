using BackOffice.Core.Common;
using BackOffice.Core.Webhooks;
using BackOffice.Web.Auth;
using BackOffice.Web.Features.Shared;
using BackOffice.Web.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackOffice.Web.Features.Webhooks;

public partial class WebhooksPage
{
    private const string AllStatuses = "all";
    private const string NameField = nameof(AddWebhookSubscription.Name);
    private const string UrlField = nameof(AddWebhookSubscription.Url);
    private const string EventTypesField = nameof(AddWebhookSubscription.EventTypes);

    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private LiveConnection Live { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<SubscriptionRow> _subscriptions = [];
    private IReadOnlyList<DeliveryRow> _deliveries = [];
    private string _statusFilter = AllStatuses;

    private string DeliveriesExportUrl => Enum.TryParse<OutboxStatus>(_statusFilter, out var status)
        ? $"/export/webhook-deliveries?status={status}"
        : "/export/webhook-deliveries";

    private string? _name;
    private string? _url;
    private string _eventTypes = "*";
    private readonly FieldErrors _errors = new();
    private string? _secret;
    private string? _secretFor;

    protected override async Task OnInitializedAsync()
    {
        await Session.LoadAsync();
        Live.CountersChanged += OnCountersChanged;
        await LoadSubscriptionsAsync();
        await LoadDeliveriesAsync();
    }

    private async Task LoadSubscriptionsAsync() => _subscriptions = await Sender.QueryAsync(new WebhookSubscriptions());

    private async Task LoadDeliveriesAsync() =>
        _deliveries = await Sender.QueryAsync(new DeliveryLog(Enum.TryParse<OutboxStatus>(_statusFilter, out var status) ? status : null));

    private async Task OnStatusFilter(string status)
    {
        _statusFilter = status;
        await LoadDeliveriesAsync();
    }

    private async Task Add()
    {
        var added = await Sender.SendAsync(new AddWebhookSubscription(_name ?? "", _url ?? "", _eventTypes));
        _errors.From(added);
        if (!Snackbar.Report(added)) return;
        // The secret exists in clear only in this answer: the receiver needs it to check signatures.
        _secret = added.Value!.Secret;
        _secretFor = _name?.Trim();
        _name = _url = null;
        _eventTypes = "*";
        await LoadSubscriptionsAsync();
    }

    private async Task SetActive(SubscriptionRow subscription, bool active)
    {
        Snackbar.Report(await Sender.SendAsync(new SetWebhookSubscriptionActive(subscription.Id, active)),
            active ? $"{subscription.Name} receives events again." : $"{subscription.Name} is paused.");
        await LoadSubscriptionsAsync();
    }

    private async Task Retry(DeliveryRow delivery)
    {
        Snackbar.Report(await Sender.SendAsync(new RetryDelivery(delivery.Id)), "Queued for delivery now.");
        await LoadDeliveriesAsync();
    }

    // A dead letter (or a retry clearing one) moves the undelivered counter: show the log as it is now.
    private void OnCountersChanged() => _ = InvokeAsync(async () =>
    {
        await LoadDeliveriesAsync();
        StateHasChanged();
    });

    public void Dispose() => Live.CountersChanged -= OnCountersChanged;
}
