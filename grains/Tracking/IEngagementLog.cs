namespace Engagement.Grains.Tracking;

/// <summary>The append-only log of observations and events in PostgreSQL.</summary>
public interface IEngagementLog
{
    /// <summary>
    /// Completes once the entry is committed; entries from many concurrent hits share one commit. The entry's
    /// <see cref="EngagementEntry.Revisions"/> are committed with it, or not at all: they give unsettled events a later
    /// verdict and leave settled ones untouched, so consumers of the feed only ever see an event's final verdict.
    /// Returns the ids of the events it revised.
    /// </summary>
    Task<IReadOnlyList<Guid>> AppendAsync(EngagementEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// A message's events in the order they occurred. None was received before <paramref name="notBefore"/>, which
    /// spares the read every older day of the log.
    /// </summary>
    Task<IReadOnlyList<LoggedEvent>> ReadMessageEventsAsync(string messageId, DateTimeOffset notBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// A message's counted hits received before <paramref name="since"/> as totals, and every hit since then. None was
    /// received before <paramref name="notBefore"/>.
    /// </summary>
    Task<EngagementHistory> ReadEngagementAsync(
        string messageId, DateTimeOffset notBefore, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Whether the observation received at that time is in the log.</summary>
    Task<bool> ContainsAsync(Guid observationId, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);
}
