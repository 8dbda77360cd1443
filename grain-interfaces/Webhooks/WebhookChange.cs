namespace Engagement.Contracts.Webhooks;

/// <summary>A partial change to a webhook: null fields stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("engagement.WebhookChange")]
public sealed record WebhookChange(
    [property: Id(0)] string? Url,
    [property: Id(1)] IReadOnlyList<string>? Events,
    [property: Id(2)] bool? IncludeMachineEvents,
    [property: Id(3)] bool? Enabled);
