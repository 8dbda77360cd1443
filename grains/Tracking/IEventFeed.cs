namespace Engagement.Grains.Tracking;

/// <summary>
/// Events in commit order, for consumers that keep a cursor (webhooks, rollups). A read returns only events whose
/// transactions have all finished and whose verdicts have settled, and stops at the first that has not, so a consumer
/// that stores the last position it handled never skips an event and never sees one change afterwards.
/// </summary>
public interface IEventFeed
{
    /// <summary>The position a new consumer starts from: after every event whose transaction has finished.</summary>
    Task<FeedPosition> HeadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> settled events after <paramref name="after"/>, of one route when given, with their
    /// payloads unless <paramref name="withPayloads"/> is false.
    /// </summary>
    Task<IReadOnlyList<FeedEvent>> ReadAsync(
        FeedPosition after, int limit, string? routeId = null, bool withPayloads = true, CancellationToken cancellationToken = default);
}
