using System.Security.Cryptography;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using FluentValidation;
using Mediator;

namespace BackOffice.Core.Webhooks;

public sealed record NewSubscription(Guid Id, string Secret);

/// <summary>Adds a receiver. Its signing secret is shown once, now, and never again.</summary>
[RequiresPermission(WebhookPermissions.Manage)]
public sealed record AddWebhookSubscription(string Name, string Url, string EventTypes) : IBackOfficeCommand<Result<NewSubscription>>;

public sealed class AddWebhookSubscriptionValidator : AbstractValidator<AddWebhookSubscription>
{
    public AddWebhookSubscriptionValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the receiver (e.g. CRM).").MaximumLength(120);
        RuleFor(x => x.Url).Must(BeHttp).WithMessage("The URL must be an absolute http:// or https:// address.");
        RuleFor(x => x.EventTypes).NotEmpty().WithMessage("List the event types (or * for all).");
    }

    private static bool BeHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

public sealed class AddWebhookSubscriptionHandler(BackOfficeDb db, Effects effects, TimeProvider clock)
    : ICommandHandler<AddWebhookSubscription, Result<NewSubscription>>
{
    public ValueTask<Result<NewSubscription>> Handle(AddWebhookSubscription command, CancellationToken ct)
    {
        var subscription = new WebhookSubscription
        {
            Name = command.Name.Trim(),
            Url = command.Url.Trim(),
            EventTypes = string.Join(',', command.EventTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            Secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WebhookSubscriptions.Add(subscription);
        effects.About(nameof(WebhookSubscription), subscription.Id.ToString());
        return ValueTask.FromResult<Result<NewSubscription>>(new NewSubscription(subscription.Id, subscription.Secret));
    }
}

[RequiresPermission(WebhookPermissions.Manage)]
public sealed record SetWebhookSubscriptionActive(Guid SubscriptionId, bool Active) : IBackOfficeCommand<Result>;

public sealed class SetWebhookSubscriptionActiveHandler(BackOfficeDb db, Effects effects) : ICommandHandler<SetWebhookSubscriptionActive, Result>
{
    public async ValueTask<Result> Handle(SetWebhookSubscriptionActive command, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.FindAsync([command.SubscriptionId], ct);
        if (subscription is null) return Error.NotFound("The subscription");
        subscription.Active = command.Active;
        effects.About(nameof(WebhookSubscription), subscription.Id.ToString());
        return Result.Ok();
    }
}

/// <summary>An operator asks for a delivery to be tried again now, dead-lettered or not.</summary>
[RequiresPermission(WebhookPermissions.Manage)]
public sealed record RetryDelivery(Guid MessageId) : IBackOfficeCommand<Result>;

public sealed class RetryDeliveryHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<RetryDelivery, Result>
{
    public async ValueTask<Result> Handle(RetryDelivery command, CancellationToken ct)
    {
        var message = await db.Outbox.FindAsync([command.MessageId], ct);
        if (message is null) return Error.NotFound("The delivery");
        if (message.Status == OutboxStatus.Delivered) return Error.Conflict("This event was already delivered.");
        message.Status = OutboxStatus.Pending;
        message.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        effects.About(nameof(OutboxMessage), message.Id.ToString());
        effects.Touch(SpineCounters.DeadLetters);
        return Result.Ok();
    }
}

public sealed class OutboxOptions
{
    public int MaxAttempts { get; set; } = 8;
    public int FirstRetrySeconds { get; set; } = 10;
    public int MaxRetrySeconds { get; set; } = 3600;
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Off only where a test or tool drives delivery rounds itself.</summary>
    public bool BackgroundDelivery { get; set; } = true;
}

/// <summary>The dispatcher's report of one delivery attempt: delivered, retried later, or dead-lettered with an alert.</summary>
[SystemCommand]
public sealed record RecordDeliveryAttempt(Guid MessageId, bool Delivered, int? StatusCode, string? Error) : IBackOfficeCommand<Result>;

public sealed class RecordDeliveryAttemptHandler(BackOfficeDb db, Effects effects, TimeProvider clock, Microsoft.Extensions.Options.IOptions<OutboxOptions> options)
    : ICommandHandler<RecordDeliveryAttempt, Result>
{
    public async ValueTask<Result> Handle(RecordDeliveryAttempt command, CancellationToken ct)
    {
        var message = await db.Outbox.FindAsync([command.MessageId], ct);
        if (message is null) return Error.NotFound("The delivery");
        if (message.Status != OutboxStatus.Pending) return Error.Conflict("This delivery was already settled.");
        var now = clock.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.LastStatusCode = command.StatusCode;
        message.LastError = command.Error is { Length: > 500 } e ? e[..500] : command.Error;
        effects.About(nameof(OutboxMessage), message.Id.ToString());
        if (command.Delivered)
        {
            message.Status = OutboxStatus.Delivered;
            message.DeliveredAt = now;
            return Result.Ok();
        }
        var o = options.Value;
        if (message.Attempts >= o.MaxAttempts)
        {
            message.Status = OutboxStatus.DeadLettered;
            effects.Touch(SpineCounters.DeadLetters);
            var subscription = await db.WebhookSubscriptions.FindAsync([message.SubscriptionId], ct);
            AlertKinds.Raise(db, effects, now, AlertKinds.WebhookDeadLetter, AlertSeverity.Critical,
                $"Event {message.EventType} could not be delivered to {subscription?.Name ?? "a subscriber"} after {message.Attempts} attempts: {message.LastError ?? "HTTP " + command.StatusCode}.",
                nameof(OutboxMessage), message.Id.ToString());
            return Result.Ok();
        }
        // Exponential back-off: 10 s, 20 s, 40 s … capped.
        var delay = Math.Min(o.MaxRetrySeconds, o.FirstRetrySeconds * Math.Pow(2, message.Attempts - 1));
        message.NextAttemptAt = now.AddSeconds(delay);
        return Result.Ok();
    }
}
