namespace Engagement.Contracts.Webhooks;

/// <summary>The event types a webhook can subscribe to.</summary>
public static class WebhookEventTypes
{
    public static IReadOnlyList<string> All { get; } = ["message.opened", "message.clicked"];
}
