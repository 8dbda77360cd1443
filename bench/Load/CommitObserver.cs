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
    private readonly ConcurrentQueue<(DateTime End, double Ms)> durations = new();
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
        // The silo records a commit's duration on the committer's thread as the commit ends.
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument == EngagementLogMeter.CommitDuration)
            {
                durations.Enqueue((DateTime.UtcNow, value));
            }
            else
            {
                waits.Enqueue(value);
            }
        });
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => sizes.Enqueue(value));
        listener.Start();
    }

    /// <summary>Each commit so far: when it ended (UTC) and how long it took.</summary>
    public IReadOnlyList<(DateTime End, double Ms)> Commits => [.. durations];

    /// <summary>A row of the commit table for the run that <paramref name="result"/> measured.</summary>
    public string Row(LoadResult result)
    {
        var commits = sizes.Count;
        List<double> ms = [.. durations.Select(c => c.Ms)];
        return string.Create(CultureInfo.InvariantCulture,
            $"| {result.Name} | {commits / result.Elapsed.TotalSeconds:F0} | {(commits == 0 ? 0 : sizes.Average()):F1} | {LoadResult.Percentile(ms, 50):F2} | {LoadResult.Percentile(ms, 99):F2} | {(ms.Count == 0 ? 0 : ms.Max()):F0} | {LoadResult.Percentile([.. waits], 50):F2} | {LoadResult.Percentile([.. waits], 99):F2} |");
    }

    public void Dispose() => listener.Dispose();
}
