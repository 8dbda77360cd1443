namespace Engagement.Api.Tracking;

/// <summary>Closed: hits go to the cluster. Open: they are spooled at once. Trying: one hit tries the cluster, the rest are spooled.</summary>
public enum CaptureCircuitState
{
    Closed,
    Open,
    Trying,
}
