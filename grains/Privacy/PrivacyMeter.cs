using System.Diagnostics.Metrics;

namespace Engagement.Grains.Privacy;

/// <summary>The Engagement.Privacy meter: what the retention jobs minimised, dropped and deleted, and which of them failed.</summary>
public static class PrivacyMeter
{
    private static readonly Meter Meter = new("Engagement.Privacy");

    public static Counter<long> RowsMinimised { get; } = Meter.CreateCounter<long>("engagement.privacy.rows_minimised");

    public static Counter<long> PartitionsDropped { get; } = Meter.CreateCounter<long>("engagement.privacy.partitions_dropped");

    public static Counter<long> RowsDeleted { get; } = Meter.CreateCounter<long>("engagement.privacy.rows_deleted");

    public static Counter<long> JobFailures { get; } = Meter.CreateCounter<long>("engagement.privacy.job_failures");

    public static KeyValuePair<string, object?> Table(string name) => new("table", name);

    public static KeyValuePair<string, object?> Job(string name) => new("job", name);
}
