using System.Diagnostics.Metrics;

namespace Engagement.Silo.Privacy;

/// <summary>The Engagement.Privacy meter: what the retention job minimised, dropped and deleted.</summary>
internal static class PrivacyMeter
{
    private static readonly Meter Meter = new("Engagement.Privacy");

    public static Counter<long> RowsMinimised { get; } = Meter.CreateCounter<long>("engagement.privacy.rows_minimised");

    public static Counter<long> PartitionsDropped { get; } = Meter.CreateCounter<long>("engagement.privacy.partitions_dropped");

    public static Counter<long> RowsDeleted { get; } = Meter.CreateCounter<long>("engagement.privacy.rows_deleted");

    public static KeyValuePair<string, object?> Table(string name) => new("table", name);
}
