using System.Diagnostics.Metrics;
using Engagement.Api.Tracking;

namespace Engagement.Bench.Outage;

/// <summary>What the API's Engagement.Spool meter counts while the benchmark runs.</summary>
public sealed class SpoolCounts : IDisposable
{
    private readonly MeterListener listener = new();
    private long spooled;
    private long replayed;
    private long lost;

    public SpoolCounts()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SpoolMeter.Name && instrument is Counter<long>)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument == SpoolMeter.Spooled)
            {
                Interlocked.Add(ref spooled, value);
            }
            else if (instrument == SpoolMeter.Replayed)
            {
                Interlocked.Add(ref replayed, value);
            }
            else if (instrument == SpoolMeter.Lost)
            {
                Interlocked.Add(ref lost, value);
            }
        });
        listener.Start();
    }

    public long Spooled => Interlocked.Read(ref spooled);

    public long Replayed => Interlocked.Read(ref replayed);

    public long Lost => Interlocked.Read(ref lost);

    public void Dispose() => listener.Dispose();
}
