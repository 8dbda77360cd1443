namespace Engagement.Contracts.Webhooks;

/// <summary>
/// One webhook of a route: its definition and secrets, and the delivery of the route's events to its URL.
/// Keyed by webhook id (<c>wh_…</c>).
/// </summary>
[Alias("engagement.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Creates the webhook (delivering events from now on) and returns it with its signing secret.</summary>
    [Alias("Create")]
    Task<WebhookOutcome> CreateAsync(WebhookDefinition definition);

    [Alias("Get")]
    Task<WebhookDetails?> GetAsync();

    [Alias("Change")]
    Task<WebhookOutcome> ChangeAsync(WebhookChange change);

    /// <summary>Stops delivery and forgets the webhook and its delivery log; false when there was none.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();

    /// <summary>A new signing secret; the previous one keeps signing alongside it for a grace period.</summary>
    [Alias("RotateSecret")]
    Task<WebhookOutcome> RotateSecretAsync();

    /// <summary>Sends a sample event now, outside the delivery queue, and returns the receiver's answer.</summary>
    [Alias("SendTest")]
    Task<WebhookAttempt?> SendTestAsync();

    /// <summary>Deliveries newest first, those older than <paramref name="before"/> when given.</summary>
    [Alias("GetDeliveries")]
    Task<DeliveryPage?> GetDeliveriesAsync(long? before, int limit);

    /// <summary>Queues a delivery again for an immediate attempt with a fresh retry schedule.</summary>
    [Alias("Replay")]
    Task<WebhookDelivery?> ReplayAsync(Guid deliveryId);
}
