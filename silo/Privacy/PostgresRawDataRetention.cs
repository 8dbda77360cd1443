using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Engagement.Contracts.Privacy;
using Engagement.Grains.Privacy;
using Engagement.Silo.Reporting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>
/// Minimises the engagement log's hits (each one row: an observation and its event) day by day from where the last
/// run stopped (recorded in retention_progress), and drops whole daily partitions past the horizon. Each day is its
/// own statements and its progress is recorded after them, so a run cut short is simply continued by the next; rows
/// already minimised are never touched again.
/// </summary>
public sealed partial class PostgresRawDataRetention(
    NpgsqlDataSource database, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<PostgresRawDataRetention> logger)
    : IRawDataRetention
{
    private const string Job = "raw-data";
    private const string HashPrefix = "sha256:";

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var horizon = DateOnly.FromDateTime((now - options.Value.PartitionRetention).UtcDateTime);
        var (dropped, deleted) = await DropPastHorizonAsync(horizon, cancellationToken);

        var cutoff = now - options.Value.RawDataRetention;
        var start = await ProgressAsync(cancellationToken) ?? Midnight(horizon);
        long hits = 0;
        // A day back from the recorded progress: late rows (a replayed spool) written just behind it get minimised too.
        for (var day = Midnight(DateOnly.FromDateTime(start.UtcDateTime).AddDays(-1)); day < cutoff; day = day.AddDays(1))
        {
            var end = day.AddDays(1) < cutoff ? day.AddDays(1) : cutoff;
            hits += await MinimiseAsync(day, end, cancellationToken);
            await RecordProgressAsync(end, cancellationToken);
        }

        PrivacyMeter.RowsMinimised.Add(hits, PrivacyMeter.Table("events"));
        PrivacyMeter.PartitionsDropped.Add(dropped.Count);
        return new RetentionReport(hits, hits, dropped, deleted);
    }

    private async Task<long> MinimiseAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var month = new DateOnly(from.Year, from.Month, 1);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var salt = new NpgsqlCommand("INSERT INTO address_salts (month, salt) VALUES ($1, $2) ON CONFLICT DO NOTHING", connection);
        salt.Parameters.AddWithValue(month);
        salt.Parameters.AddWithValue(RandomNumberGenerator.GetBytes(32));
        await salt.ExecuteNonQueryAsync(cancellationToken);

        // The user agent is the only raw request data the payload carries; the classification and parsed client stay.
        await using var command = new NpgsqlCommand($"""
            UPDATE events
               SET client_ip = CASE WHEN client_ip IS NULL OR client_ip LIKE '{HashPrefix}%' THEN client_ip
                                    ELSE '{HashPrefix}' || encode(sha256((SELECT salt FROM address_salts WHERE month = $3) || convert_to(client_ip, 'UTF8')), 'hex') END,
                   headers = NULL,
                   data = (data::jsonb - 'user_agent')::text
             WHERE occurred_at >= $1 AND occurred_at < $2
               AND (headers IS NOT NULL OR data::jsonb ? 'user_agent' OR (client_ip IS NOT NULL AND client_ip NOT LIKE '{HashPrefix}%'))
            """, connection);
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
        command.Parameters.AddWithValue(month);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(IReadOnlyList<string> Dropped, long Deleted)> DropPastHorizonAsync(DateOnly horizon, CancellationToken cancellationToken)
    {
        var pastHorizon = new List<string>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var partitions = new NpgsqlCommand("""
            SELECT c.relname FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
              JOIN pg_class p ON p.oid = i.inhparent
             WHERE p.relname = 'events'
             ORDER BY c.relname
            """, connection))
        {
            await using var reader = await partitions.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                var match = DailyPartition().Match(name);
                if (match.Success && DateOnly.ParseExact(match.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture) < horizon)
                {
                    pastHorizon.Add(name);
                }
            }
        }

        // The names matched ^events_\d{8}$, so they are safe to put in the statements.
        var dropped = new List<string>();
        foreach (var name in pastHorizon)
        {
            // Events the rollups have not counted yet would be lost to the figures for good: the partition waits.
            await using var uncounted = new NpgsqlCommand($"""
                SELECT EXISTS (SELECT FROM {name} e, rollup_cursor c
                                WHERE c.consumer = $1 AND (e.xact_id, e.event_id) > (c.xact_id, c.event_id))
                """, connection);
            uncounted.Parameters.AddWithValue(RollupConsumer.Consumer);
            if ((bool)(await uncounted.ExecuteScalarAsync(cancellationToken))!)
            {
                logger.LogWarning("Partition {Partition} is past the retention horizon but kept: the rollups have not counted all its events yet", name);
                continue;
            }

            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {name}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            dropped.Add(name);
        }

        await using var defaults = new NpgsqlCommand("""
            WITH e AS (DELETE FROM events_default d USING rollup_cursor c
                        WHERE d.occurred_at < $1 AND c.consumer = $2 AND (d.xact_id, d.event_id) <= (c.xact_id, c.event_id)
                       RETURNING 1),
                 s AS (DELETE FROM address_salts WHERE month < date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC')::date RETURNING 1)
            SELECT count(*) FROM e
            """, connection);
        defaults.Parameters.AddWithValue(Midnight(horizon).UtcDateTime);
        defaults.Parameters.AddWithValue(RollupConsumer.Consumer);
        var deleted = (long)(await defaults.ExecuteScalarAsync(cancellationToken))!;
        return (dropped, deleted);
    }

    private async Task<DateTimeOffset?> ProgressAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT minimised_before FROM retention_progress WHERE job = $1");
        command.Parameters.AddWithValue(Job);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private async Task RecordProgressAsync(DateTimeOffset minimisedBefore, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO retention_progress (job, minimised_before) VALUES ($1, $2)
            ON CONFLICT (job) DO UPDATE SET minimised_before = GREATEST(retention_progress.minimised_before, EXCLUDED.minimised_before)
            """);
        command.Parameters.AddWithValue(Job);
        command.Parameters.AddWithValue(minimisedBefore.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [GeneratedRegex(@"^events_(\d{8})$")]
    private static partial Regex DailyPartition();
}
