using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Messages;

/// <summary>
/// A message's honeypot hits as the engagement log recorded them, so that a reactivated message still knows which
/// sources followed its trap link. Nothing extra is written for this: the hits are the log's own observations.
/// </summary>
public interface ITrapHits
{
    Task<IReadOnlyList<Observation>> ReadAsync(string messageId, CancellationToken cancellationToken = default);
}
