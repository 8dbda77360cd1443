using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Engagement.Api.Tracking;

/// <summary>
/// The Engagement.Spool meter: hits the cluster did not take in time and that wait in the local spool, those replayed
/// from it, and those lost because the spool could not be written either or the log refused their data, which an
/// operator should be alerted to;
/// and what waits in each spool now, which the counters cannot say after a restart (files outlive the process); and
/// whether hits go to it without the cluster being asked (<see cref="CaptureCircuit"/>).
/// </summary>
public static class SpoolMeter
{
    public const string Name = "Engagement.Spool";

    /// <summary>The tag that tells the spools of several API hosts in one process apart.</summary>
    public const string DirectoryTag = "spool.directory";

    private static readonly Meter Meter = new(Name);

    // Each spool, and the circuit in front of it once the API has started.
    private static readonly ConcurrentDictionary<ObservationSpool, CaptureCircuit?> Spools = new();

    public static Counter<long> Spooled { get; } = Meter.CreateCounter<long>("engagement.spool.spooled", "{observation}");

    public static Counter<long> Replayed { get; } = Meter.CreateCounter<long>("engagement.spool.replayed", "{observation}");

    public static Counter<long> Lost { get; } = Meter.CreateCounter<long>("engagement.spool.lost", "{observation}");

    /// <summary>Hits, live or replayed, whose data the engagement log refused: answered, and never recorded.</summary>
    public static Counter<long> Refused { get; } = Meter.CreateCounter<long>("engagement.spool.refused", "{observation}");

    public static ObservableGauge<long> Files { get; } = Meter.CreateObservableGauge(
        "engagement.spool.files", () => Measure(waiting => waiting.Files), "{file}", "Spool files waiting for replay");

    public static ObservableGauge<long> Bytes { get; } = Meter.CreateObservableGauge(
        "engagement.spool.bytes", () => Measure(waiting => waiting.Bytes), "By", "Bytes of spooled observations waiting for replay, on the spool's disk");

    public static ObservableGauge<long> CircuitOpen { get; } = Meter.CreateObservableGauge(
        "engagement.spool.circuit_open",
        () => Spools.Where(s => s.Value is not null).Select(s => new Measurement<long>(
            s.Value!.State == CaptureCircuitState.Closed ? 0 : 1, new KeyValuePair<string, object?>(DirectoryTag, s.Key.Directory))),
        "{circuit}",
        "1 while hits go to this spool without the cluster being asked, since it stopped taking them; 0 otherwise");

    internal static void Watch(ObservationSpool spool) => Spools.TryAdd(spool, null);

    /// <summary>Measures, beside the spool, whether the circuit in front of it is open.</summary>
    internal static void Watch(ObservationSpool spool, CaptureCircuit circuit) => Spools[spool] = circuit;

    internal static void Forget(ObservationSpool spool) => Spools.TryRemove(spool, out _);

    private static IEnumerable<Measurement<long>> Measure(Func<SpoolContents, long> value) =>
        Spools.Keys.Select(spool => new Measurement<long>(value(spool.Waiting()), new KeyValuePair<string, object?>(DirectoryTag, spool.Directory)));
}
