using System.Diagnostics.Metrics;

namespace Engagement.Silo.EngagementLog;

/// <summary>
/// The Engagement.Log meter: how the group commit behaves. A hit's answer waits for its commit, so these are what a
/// recipient's latency is made of on the silo's side: how long commits take, how many hits share one, and how long a
/// hit waits from its append to its commit.
/// </summary>
public static class EngagementLogMeter
{
    public const string Name = "Engagement.Log";

    private static readonly Meter Meter = new(Name);

    public static Histogram<double> CommitDuration { get; } = Meter.CreateHistogram<double>("engagement.log.commit_duration", "ms");

    public static Histogram<int> CommitSize { get; } = Meter.CreateHistogram<int>("engagement.log.commit_size", "{hit}");

    public static Histogram<double> HitWait { get; } = Meter.CreateHistogram<double>("engagement.log.hit_wait", "ms");
}
