namespace Engagement.Contracts.Webhooks;

/// <summary>A page of deliveries, newest first; <see cref="Before"/> fetches the next (older) page, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("engagement.DeliveryPage")]
public sealed record DeliveryPage(
    [property: Id(0)] IReadOnlyList<WebhookDelivery> Deliveries,
    [property: Id(1)] long? Before);
