namespace Engagement.Contracts.Privacy;

/// <summary>
/// The retention job: raw request data minimised, old partitions dropped, finished webhook deliveries deleted.
/// One key (<see cref="Key"/>), so one activation in the cluster: the job runs in exactly one silo at a time, on a
/// reminder that survives restarts.
/// </summary>
[Alias("engagement.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    const string Key = "raw-data";

    /// <summary>Makes sure the reminder exists; every silo calls it at start-up.</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>Runs the job now; it is idempotent, so running it early or twice is harmless.</summary>
    [Alias("Run")]
    Task<RetentionReport> RunAsync();
}
