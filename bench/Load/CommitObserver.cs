using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Engagement.Silo.EngagementLog;

namespace Engagement.Bench.Load;

/// <summary>
/// Listens to the silo's group commit (the Engagement.Log meter) during one load run, so that the run's latency can be
/// set beside what the commits did: how many there were, how many hits shared each, how long they and the hits took.
/// The longest commit shows a stall that every hit then in flight waited for, which the percentiles of a short run can
/// hide or be ruled by (README: the database host's writeback).
/// </summary>
public sealed class CommitObserver : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<double> durations = new();
    private readonly ConcurrentQueue<int> sizes = new();
    private readonly ConcurrentQueue<double> waits = new();

    public CommitObserver()
    {
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == EngagementLogMeter.Name)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            (instrument == EngagementLogMeter.CommitDuration ? durations : waits).Enqueue(value));
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => sizes.Enqueue(value));
        listener.Start();
    }

    /// <summary>A row of the commit table for the run that <paramref name="result"/> measured.</summary>
    public string Row(LoadResult result)
    {
        var commits = sizes.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {result.Name} | {commits / result.Elapsed.TotalSeconds:F0} | {(commits == 0 ? 0 : sizes.Average()):F1} | {LoadResult.Percentile([.. durations], 50):F2} | {LoadResult.Percentile([.. durations], 99):F2} | {(durations.IsEmpty ? 0 : durations.Max()):F0} | {LoadResult.Percentile([.. waits], 50):F2} | {LoadResult.Percentile([.. waits], 99):F2} |");
    }

    public void Dispose() => listener.Dispose();
}
