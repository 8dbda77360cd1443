using Engagement.Contracts.Privacy;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Privacy;

/// <summary>Runs the retention jobs on a durable reminder, in one activation in the cluster (one key, <see cref="IRetentionGrain.Key"/>).</summary>
[GrainType("retention")]
public sealed class RetentionGrain(RetentionJobs jobs, IOptions<RetentionOptions> options) : Grain, IRetentionGrain, IRemindable
{
    private const string Reminder = "retention";

    Task IRetentionGrain.StartAsync() => this.RegisterOrUpdateReminder(Reminder, options.Value.RunEvery, options.Value.RunEvery);

    Task<RetentionReport> IRetentionGrain.RunAsync() => jobs.RunAsync();

    // Every job deals with its own failure, so a tick always runs them all; the next tick retries any that failed.
    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => jobs.RunAsync();
}
