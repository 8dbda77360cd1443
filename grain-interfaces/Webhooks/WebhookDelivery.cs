namespace Engagement.Contracts.Webhooks;

/// <summary>One event queued for one webhook, with every attempt so far (oldest first).</summary>
[GenerateSerializer, Immutable, Alias("engagement.WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string EventId,
    [property: Id(3)] string EventType,
    [property: Id(4)] string State,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] IReadOnlyList<WebhookAttempt> Attempts);
