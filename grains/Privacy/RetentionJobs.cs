using Engagement.Contracts.Privacy;
using Microsoft.Extensions.Logging;

namespace Engagement.Grains.Privacy;

/// <summary>
/// One retention run: raw data, webhook delivery bodies, then finished webhook deliveries, each job on its own, so
/// one that keeps failing never keeps the others from running. A failed job is logged, counted
/// (engagement.privacy.job_failures by job) and named in the report; each job continues where it stopped, so the
/// next run simply tries it again.
/// </summary>
public sealed class RetentionJobs(
    IRawDataRetention rawData, IDeliveryBodyRetention deliveryBodies, IDeliveryRetention deliveries, ILogger<RetentionJobs> logger)
{
    public const string RawData = "raw-data";
    public const string DeliveryBodies = "delivery-bodies";
    public const string Deliveries = "deliveries";

    public async Task<RetentionReport> RunAsync()
    {
        var failed = new List<string>();
        var report = await AttemptAsync(RawData, RunRawDataAsync, failed) ?? new RetentionReport(0, 0, [], 0);
        var bodiesMinimised = await AttemptAsync(DeliveryBodies, RunDeliveryBodiesAsync, failed);
        var (deliveriesDeleted, attemptsDeleted) = await AttemptAsync(Deliveries, RunDeliveriesAsync, failed);
        return report with
        {
            DeliveryBodiesMinimised = bodiesMinimised,
            DeliveriesDeleted = deliveriesDeleted,
            AttemptsDeleted = attemptsDeleted,
            FailedJobs = failed,
        };
    }

    private async Task<T?> AttemptAsync<T>(string job, Func<Task<T>> run, List<string> failed)
    {
        try
        {
            return await run();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Retention job {Job} failed; the other jobs still run, and the next run tries it again", job);
            PrivacyMeter.JobFailures.Add(1, PrivacyMeter.Job(job));
            failed.Add(job);
            return default;
        }
    }

    private async Task<RetentionReport> RunRawDataAsync()
    {
        var report = await rawData.RunAsync();
        logger.LogInformation(
            "Raw-data retention: {Observations} observations and {Events} events minimised, partitions dropped: {Partitions}, {Deleted} old rows deleted from default partitions",
            report.ObservationsMinimised, report.EventsMinimised, report.PartitionsDropped.Count == 0 ? "none" : string.Join(", ", report.PartitionsDropped),
            report.DefaultPartitionRowsDeleted);
        return report;
    }

    private async Task<long> RunDeliveryBodiesAsync()
    {
        var minimised = await deliveryBodies.RunAsync();
        logger.LogInformation("Webhook delivery body retention: {Bodies} delivery bodies minimised", minimised);
        return minimised;
    }

    private async Task<(long Deliveries, long Attempts)> RunDeliveriesAsync()
    {
        var (deleted, attempts) = await deliveries.RunAsync();
        logger.LogInformation("Webhook delivery retention: {Deliveries} finished deliveries and {Attempts} attempts deleted", deleted, attempts);
        return (deleted, attempts);
    }
}
