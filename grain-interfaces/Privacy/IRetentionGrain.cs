namespace Engagement.Contracts.Privacy;

/// <summary>
/// The retention jobs: raw request data minimised, old partitions dropped, webhook delivery bodies minimised,
/// finished webhook deliveries deleted. One key (<see cref="Key"/>), so one activation in the cluster: the jobs run
/// in exactly one silo at a time, on a reminder that survives restarts.
/// </summary>
[Alias("engagement.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Named when the grain ran only the raw-data job, and kept: the durable reminder is stored under the grain's id,
    /// so with a new key the existing clusters' reminder would go on waking a second activation, running the jobs
    /// beside the new one.
    /// </summary>
    const string Key = "raw-data";

    /// <summary>Makes sure the reminder exists; every silo calls it at start-up.</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>Runs the jobs now; they are idempotent, so running them early or twice is harmless.</summary>
    [Alias("Run")]
    Task<RetentionReport> RunAsync();
}
