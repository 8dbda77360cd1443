using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Engagement.Silo.EngagementLog;

/// <summary>
/// Keeps daily partitions of the engagement log created a week ahead, so hits never land in the default
/// partition. Every silo runs it; the database function serialises them and skips existing days.
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
        await using var command = database.CreateCommand("SELECT ensure_engagement_partitions($1, $2)");
        command.Parameters.AddWithValue(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1));
        command.Parameters.AddWithValue(DaysAhead);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
