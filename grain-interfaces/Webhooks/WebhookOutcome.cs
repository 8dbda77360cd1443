namespace Engagement.Contracts.Webhooks;

/// <summary>The webhook as it now is, or why a creation or change was refused (the API answers 4xx naming the field).</summary>
[GenerateSerializer, Immutable, Alias("engagement.WebhookOutcome")]
public sealed record WebhookOutcome(
    [property: Id(0)] WebhookDetails? Webhook,
    [property: Id(1)] WebhookRefusal? Refusal,
    [property: Id(2)] string? Message)
{
    public static WebhookOutcome Accepted(WebhookDetails webhook) => new(webhook, null, null);

    public static WebhookOutcome Refused(WebhookRefusal refusal, string message) => new(null, refusal, message);
}

[GenerateSerializer, Alias("engagement.WebhookRefusal")]
public enum WebhookRefusal
{
    UnknownWebhook = 0,
    UrlRefused = 1,
    UnknownEventType = 2,
}
