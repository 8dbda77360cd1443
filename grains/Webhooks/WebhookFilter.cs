using Engagement.Grains.Tracking;

namespace Engagement.Grains.Webhooks;

/// <summary>
/// Which events a webhook takes: the types it subscribed to, and of those the counting ones, plus the machine
/// ones (scanners, preview bots) only when it asked for machine events.
/// </summary>
public sealed record WebhookFilter(IReadOnlyCollection<string> Events, bool IncludeMachineEvents)
{
    public bool Accepts(FeedEvent e) => Events.Contains(e.EventType) && (e.CountsForMetrics || IncludeMachineEvents);
}
