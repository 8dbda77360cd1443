namespace Engagement.Contracts.Webhooks;

/// <summary>What a customer asks for when creating a webhook on a route.</summary>
[GenerateSerializer, Immutable, Alias("engagement.WebhookDefinition")]
public sealed record WebhookDefinition(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string RouteId,
    [property: Id(2)] string Url,
    [property: Id(3)] IReadOnlyList<string> Events,
    [property: Id(4)] bool IncludeMachineEvents,
    [property: Id(5)] bool Enabled);
