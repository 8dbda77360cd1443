namespace Engagement.Grains.Webhooks;

/// <summary>A delivery whose next attempt is due: what to send, and how many attempts this round has had.</summary>
public sealed record DueDelivery(Guid Id, string EventId, string Body, int RoundAttempts);
