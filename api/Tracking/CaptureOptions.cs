namespace Engagement.Api.Tracking;

public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>How long a hit waits for the cluster before it is spooled locally and answered anyway.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
