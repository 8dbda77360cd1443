using System.Diagnostics.Metrics;

namespace Engagement.Api.Tracking;

/// <summary>
/// The Engagement.Spool meter: hits the cluster did not take in time and that wait in the local spool, those replayed
/// from it, and those lost because the spool could not be written either, which an operator should be alerted to.
/// </summary>
public static class SpoolMeter
{
    public const string Name = "Engagement.Spool";

    private static readonly Meter Meter = new(Name);

    public static Counter<long> Spooled { get; } = Meter.CreateCounter<long>("engagement.spool.spooled", "{observation}");

    public static Counter<long> Replayed { get; } = Meter.CreateCounter<long>("engagement.spool.replayed", "{observation}");

    public static Counter<long> Lost { get; } = Meter.CreateCounter<long>("engagement.spool.lost", "{observation}");
}
