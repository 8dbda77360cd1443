using Engagement.Contracts.Webhooks;

namespace Engagement.Grains.Webhooks;

/// <summary>An attempt as recorded, and the wait the receiver asked for in Retry-After, if any.</summary>
public sealed record DeliveryResult(WebhookAttempt Attempt, TimeSpan? RetryAfter);
