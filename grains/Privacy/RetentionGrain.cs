using Engagement.Contracts.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Privacy;

[GrainType("retention")]
public sealed class RetentionGrain(
    IRawDataRetention rawData,
    IDeliveryBodyRetention deliveryBodies,
    IDeliveryRetention deliveries,
    IOptions<RetentionOptions> options,
    ILogger<RetentionGrain> logger)
    : Grain, IRetentionGrain, IRemindable
{
    private const string Reminder = "retention";

    Task IRetentionGrain.StartAsync() => this.RegisterOrUpdateReminder(Reminder, options.Value.RunEvery, options.Value.RunEvery);

    Task<RetentionReport> IRetentionGrain.RunAsync() => RunAsync();

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await RunAsync();
        }
        catch (Exception e)
        {
            // The next tick tries again: the job picks up where it stopped.
            logger.LogError(e, "Retention failed");
        }
    }

    private async Task<RetentionReport> RunAsync()
    {
        var report = await rawData.RunAsync();
        logger.LogInformation(
            "Raw-data retention: {Observations} observations and {Events} events minimised, partitions dropped: {Partitions}, {Deleted} old rows deleted from default partitions",
            report.ObservationsMinimised, report.EventsMinimised, report.PartitionsDropped.Count == 0 ? "none" : string.Join(", ", report.PartitionsDropped),
            report.DefaultPartitionRowsDeleted);

        var bodiesMinimised = await deliveryBodies.RunAsync();
        logger.LogInformation("Webhook delivery body retention: {Bodies} delivery bodies minimised", bodiesMinimised);

        var (deliveriesDeleted, attemptsDeleted) = await deliveries.RunAsync();
        logger.LogInformation("Webhook delivery retention: {Deliveries} finished deliveries and {Attempts} attempts deleted",
            deliveriesDeleted, attemptsDeleted);
        return report with { DeliveryBodiesMinimised = bodiesMinimised, DeliveriesDeleted = deliveriesDeleted, AttemptsDeleted = attemptsDeleted };
    }
}
