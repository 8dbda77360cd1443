using System.Diagnostics.Metrics;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// Reads an observable gauge as a metrics exporter would at its next collection: the value measured now for the one
/// tag value asked for, since several systems in the test process measure into the same instrument.
/// </summary>
public static class GaugeReading
{
    public static long? Read(string meterName, string instrumentName, string tag, string tagValue)
    {
        long? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measured, tags, _) =>
        {
            foreach (var (key, tagged) in tags)
            {
                if (key == tag && Equals(tagged, tagValue))
                {
                    value = measured;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
