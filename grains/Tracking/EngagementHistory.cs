namespace Engagement.Grains.Tracking;

/// <summary>
/// A message's engagement as the log holds it: the counted hits received before a point in time as totals, and every
/// hit since then one by one, in the order they occurred.
/// </summary>
public sealed record EngagementHistory(IReadOnlyList<CountedTotal> Totals, IReadOnlyList<LoggedHit> Hits);
