using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engagement.Tests.Infrastructure;

/// <summary>What the counters of one meter add up to while this is alive, by instrument name.</summary>
public sealed class MeterCounts : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> totals = new();

    public MeterCounts(string meterName)
    {
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.Start();
    }

    public long this[string instrument] => totals.GetValueOrDefault(instrument);

    public void Dispose() => listener.Dispose();
}
