namespace Engagement.Grains.Privacy;

/// <summary>
/// Minimises the bodies of webhook deliveries queued before the raw-data horizon, whatever their state, as the
/// raw-data job does events: the user agent goes, the recipient stays. Restartable: a run cut short leaves the rest to the next.
/// </summary>
public interface IDeliveryBodyRetention
{
    /// <summary>Returns how many bodies were minimised.</summary>
    Task<long> RunAsync(CancellationToken cancellationToken = default);
}
