using System.Text.Json.Serialization;
using Engagement.Contracts.Webhooks;

namespace Engagement.Api.Endpoints;

/// <summary>The JSON shape of a webhook; the secret appears only in the answers to creation and rotation.</summary>
public sealed record WebhookView(
    string Id,
    string ProjectId,
    string RouteId,
    string Url,
    IReadOnlyList<string> Events,
    bool IncludeMachineEvents,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret)
{
    public static WebhookView Of(WebhookDetails w) => new(
        w.Id, w.ProjectId, w.RouteId, w.Url, w.Events, w.IncludeMachineEvents, w.Enabled, w.DisabledReason, w.FailingSince, w.CreatedAt, w.Secret);
}

/// <summary>The JSON shape of one delivery and its attempts.</summary>
public sealed record DeliveryView(
    string Id,
    string EventId,
    string Event,
    string State,
    int AttemptCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<WebhookAttempt> Attempts)
{
    public static DeliveryView Of(WebhookDelivery d) => new(
        WebhookIds.OfDelivery(d.Id), d.EventId, d.EventType, d.State, d.Attempts.Count, d.CreatedAt, d.NextAttemptAt, d.Attempts);
}
