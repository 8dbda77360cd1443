using System.Diagnostics.Metrics;
using Engagement.Contracts.Privacy;
using Engagement.Grains.Privacy;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Tests.Unit.Privacy;

/// <summary>Each retention job fails on its own: the others still run and report, and the failure is named and counted.</summary>
public sealed class RetentionJobsTests
{
    [Theory]
    [InlineData(RetentionJobs.RawData)]
    [InlineData(RetentionJobs.DeliveryBodies)]
    [InlineData(RetentionJobs.Deliveries)]
    public async Task A_failing_job_does_not_keep_the_others_from_running(string failing)
    {
        var rawData = new RawDataJob(failing == RetentionJobs.RawData);
        var bodies = new DeliveryBodiesJob(failing == RetentionJobs.DeliveryBodies);
        var deliveries = new DeliveriesJob(failing == RetentionJobs.Deliveries);
        using var failures = new FailureCount(failing);

        var report = await new RetentionJobs(rawData, bodies, deliveries, NullLogger<RetentionJobs>.Instance).RunAsync();

        Assert.Equal((1, 1, 1), (rawData.Runs, bodies.Runs, deliveries.Runs));
        Assert.Equal([failing], report.FailedJobs);
        Assert.True(failures.Count >= 1);
        Assert.Equal(failing == RetentionJobs.RawData ? 0 : 3, report.ObservationsMinimised);
        Assert.Equal(failing == RetentionJobs.DeliveryBodies ? 0 : 5, report.DeliveryBodiesMinimised);
        Assert.Equal(failing == RetentionJobs.Deliveries ? (0, 0) : (7, 9), (report.DeliveriesDeleted, report.AttemptsDeleted));
    }

    [Fact]
    public async Task A_run_where_every_job_succeeds_reports_them_all_and_no_failure()
    {
        var report = await new RetentionJobs(new RawDataJob(false), new DeliveryBodiesJob(false), new DeliveriesJob(false), NullLogger<RetentionJobs>.Instance)
            .RunAsync();

        Assert.Empty(report.FailedJobs);
        Assert.Equal((3L, 2L, 5L, 7L, 9L), (report.ObservationsMinimised, report.EventsMinimised, report.DeliveryBodiesMinimised, report.DeliveriesDeleted, report.AttemptsDeleted));
    }

    private sealed class RawDataJob(bool fails) : IRawDataRetention
    {
        public int Runs { get; private set; }

        public Task<RetentionReport> RunAsync(CancellationToken cancellationToken = default)
        {
            Runs++;
            return fails ? throw new TimeoutException("lock timeout") : Task.FromResult(new RetentionReport(3, 2, [], 0));
        }
    }

    private sealed class DeliveryBodiesJob(bool fails) : IDeliveryBodyRetention
    {
        public int Runs { get; private set; }

        public async Task<long> RunAsync(CancellationToken cancellationToken = default)
        {
            Runs++;
            await Task.Yield();
            return fails ? throw new InvalidOperationException("bad row") : 5;
        }
    }

    private sealed class DeliveriesJob(bool fails) : IDeliveryRetention
    {
        public int Runs { get; private set; }

        public Task<(long Deliveries, long Attempts)> RunAsync(CancellationToken cancellationToken = default)
        {
            Runs++;
            return fails ? Task.FromException<(long, long)>(new TimeoutException("lock timeout")) : Task.FromResult((7L, 9L));
        }
    }

    /// <summary>engagement.privacy.job_failures measurements for one job while it lives.</summary>
    private sealed class FailureCount : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public FailureCount(string job)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Engagement.Privacy" && instrument.Name == "engagement.privacy.job_failures")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "job" && Equals(tag.Value, job))
                    {
                        Interlocked.Add(ref count, value);
                    }
                }
            });
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}
