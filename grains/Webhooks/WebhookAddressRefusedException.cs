namespace Engagement.Grains.Webhooks;

/// <summary>A webhook's host resolved only to addresses the address policy refuses, so no connection was made.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
