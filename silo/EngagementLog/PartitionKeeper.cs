using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Engagement.Silo.EngagementLog;

/// <summary>
/// Keeps daily partitions of the engagement log created a week ahead, so hits never land in the default
/// partition, and hands each day's partition to autovacuum once the day is over (migration 0015: a partition being
/// written is not vacuumed for its inserts). Every silo runs it; the database functions serialise them and skip what
/// is done.
/// </summary>
public sealed class PartitionKeeper(NpgsqlDataSource database, TimeProvider clock, ILogger<PartitionKeeper> logger) : BackgroundService
{
    private const int DaysAhead = 8;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await EnsureAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Creating engagement log partitions failed; retrying in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Also run once before the silo joins, so no hit can arrive before its day's partition exists.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT ensure_engagement_partitions($1, $2)")
        {
            Parameters = { new() { Value = today.AddDays(-1) }, new() { Value = DaysAhead } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT close_engagement_partitions($1)") { Parameters = { new() { Value = today } } });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
