namespace Engagement.Api.Tracking;

public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>The shortest sampling window and break the circuit supports.</summary>
    public static readonly TimeSpan ShortestWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a hit waits for the cluster before it is spooled locally and answered anyway.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The share of hits over <see cref="SamplingDuration"/> that the cluster failed to take (in time or at all) at which
    /// the API stops asking it and spools every hit at once, for <see cref="BreakDuration"/>.
    /// </summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>How many hits <see cref="SamplingDuration"/> must see before <see cref="FailureRatio"/> can stop the asking.</summary>
    public int MinimumHits { get; set; } = 10;

    /// <summary>The window over which failed hits are counted; longer than <see cref="Timeout"/>, since a hit counts when it fails.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long at least <see cref="MinimumHits"/> hits may wait with none taken before the API stops asking the cluster,
    /// without waiting for their timeouts to end.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long hits go straight to the spool once the cluster stopped taking them, before one is tried again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
