using Engagement.Grains.Privacy;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>
/// Deletes finished webhook deliveries past their retention, a batch per statement (its own transaction), so no
/// transaction holds many row locks or runs for long, and a run cut short has lost nothing.
/// </summary>
public sealed class PostgresDeliveryRetention(NpgsqlDataSource database, IOptions<RetentionOptions> options, TimeProvider clock)
    : IDeliveryRetention
{
    private const int BatchSize = 1000;

    public async Task<(long Deliveries, long Attempts)> RunAsync(CancellationToken cancellationToken = default)
    {
        var finishedBefore = clock.GetUtcNow() - options.Value.DeliveryRetention;
        long deliveries = 0, attempts = 0;
        int deleted;
        do
        {
            (deleted, var attemptsDeleted) = await DeleteBatchAsync(finishedBefore, cancellationToken);
            deliveries += deleted;
            attempts += attemptsDeleted;
        }
        while (deleted == BatchSize);

        PrivacyMeter.RowsDeleted.Add(deliveries, PrivacyMeter.Table("webhook_deliveries"));
        PrivacyMeter.RowsDeleted.Add(attempts, PrivacyMeter.Table("webhook_attempts"));
        return (deliveries, attempts);
    }

    private async Task<(int Deliveries, long Attempts)> DeleteBatchAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        // Locking the batch re-checks each row as it is now, so a delivery just replayed (pending again) is passed over,
        // and one being replayed this instant is skipped rather than waited for. Attempts go by ON DELETE CASCADE.
        await using var command = database.CreateCommand("""
            WITH batch AS (
                SELECT delivery_id FROM webhook_deliveries
                 WHERE state IN ('delivered', 'failed') AND finished_at < $1
                 ORDER BY finished_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED),
            attempts AS (
                SELECT count(*) AS n FROM webhook_attempts WHERE delivery_id IN (SELECT delivery_id FROM batch)),
            deliveries AS (
                DELETE FROM webhook_deliveries WHERE delivery_id IN (SELECT delivery_id FROM batch) RETURNING 1)
            SELECT (SELECT count(*) FROM deliveries)::integer, (SELECT n FROM attempts)
            """);
        command.Parameters.AddWithValue(finishedBefore);
        command.Parameters.AddWithValue(BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt64(1));
    }
}
