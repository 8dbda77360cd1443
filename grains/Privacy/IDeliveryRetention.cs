namespace Engagement.Grains.Privacy;

/// <summary>
/// Deletes webhook deliveries that finished (delivered, or failed for good) before the retention horizon, with their
/// attempts. Pending deliveries, retrying or replayed, are never touched. Restartable: a run cut short leaves the rest to the next.
/// </summary>
public interface IDeliveryRetention
{
    Task<(long Deliveries, long Attempts)> RunAsync(CancellationToken cancellationToken = default);
}
