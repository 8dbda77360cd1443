using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Engagement.Bench.Load;

/// <summary>
/// Every garbage-collection pause of this process while it listens, from the runtime's own events: the total alone
/// hides whether a tail latency is one long pause or many short ones. The runtime delivers its events late, so a
/// run's pauses are read once every run is over.
/// </summary>
public sealed class GcPauses : EventListener
{
    private readonly ConcurrentQueue<(DateTime At, double Ms)> pauses = new();
    private DateTime suspendedAt;

    /// <summary>The longest pause that began between these two times, in milliseconds.</summary>
    public double LongestMs(DateTime from, DateTime to) => pauses.Where(p => p.At >= from && p.At < to).Select(p => p.Ms).DefaultIfEmpty().Max();

    /// <summary>How long the pauses that began between these two times took together, in milliseconds.</summary>
    public double TotalMs(DateTime from, DateTime to) => pauses.Where(p => p.At >= from && p.At < to).Sum(p => p.Ms);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            const EventKeywords gc = (EventKeywords)0x1;
            EnableEvents(eventSource, EventLevel.Informational, gc);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // The runtime suspends every thread before a collection and restarts them after it: the pause between is
        // what every request in flight waits out.
        if (eventData.EventName == "GCSuspendEEBegin_V1")
        {
            suspendedAt = eventData.TimeStamp;
        }
        else if (eventData.EventName == "GCRestartEEEnd_V1" && suspendedAt != default)
        {
            pauses.Enqueue((suspendedAt, (eventData.TimeStamp - suspendedAt).TotalMilliseconds));
            suspendedAt = default;
        }
    }
}
