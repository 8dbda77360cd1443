namespace Engagement.Grains.Webhooks;

/// <summary>A signing secret (<c>whsec_</c> + base64 key); a rotated-out one signs until <see cref="RetiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("engagement.WebhookSecret")]
public sealed record WebhookSecret(
    [property: Id(0)] string Value,
    [property: Id(1)] DateTimeOffset? RetiresAt);
