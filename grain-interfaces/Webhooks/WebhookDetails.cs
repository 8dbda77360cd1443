namespace Engagement.Contracts.Webhooks;

/// <summary>
/// A webhook as the API shows it. <see cref="Secret"/> is set only in the answers to creation and rotation:
/// the secret is shown once.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.WebhookDetails")]
public sealed record WebhookDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string RouteId,
    [property: Id(3)] string Url,
    [property: Id(4)] IReadOnlyList<string> Events,
    [property: Id(5)] bool IncludeMachineEvents,
    [property: Id(6)] bool Enabled,
    [property: Id(7)] string? DisabledReason,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? FailingSince,
    [property: Id(10)] string? Secret);
