using Engagement.Grains.Reporting;
using Npgsql;

namespace Engagement.Silo.Reporting;

/// <summary>
/// Writes a message's sends and adds them to the send rollup in one statement, counting only rows it inserted, so
/// a retried accept neither double-counts nor loses a send. Like every rollup, also counted for all routes and tags.
/// </summary>
public sealed class PostgresSendLog(NpgsqlDataSource database) : ISendLog
{
    public async Task RecordAsync(MessageSend send, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            WITH inserted AS (
                INSERT INTO sends (message_id, recipient_index, project_id, route_id, tag, recipient, sent_at)
                SELECT $1, i - 1, $2, $3, $4, r, $6 FROM unnest($5::text[]) WITH ORDINALITY AS x (r, i)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            INSERT INTO send_rollups AS s (project_id, bucket_start, route_id, tag, sent)
            SELECT $2, $7, r, t, (SELECT count(*) FROM inserted)
              FROM (VALUES ($3, $4), ($3, $8), ($8, $4), ($8, $8)) AS totals (r, t)
             WHERE EXISTS (SELECT 1 FROM inserted)
            ON CONFLICT (project_id, bucket_start, route_id, tag) DO UPDATE SET sent = s.sent + EXCLUDED.sent
            """);
        command.Parameters.AddWithValue(send.MessageId);
        command.Parameters.AddWithValue(send.ProjectId);
        command.Parameters.AddWithValue(send.RouteId);
        command.Parameters.AddWithValue(send.Tag ?? "");
        command.Parameters.AddWithValue(send.Recipients.ToArray());
        command.Parameters.AddWithValue(send.SentAt.UtcDateTime);
        command.Parameters.AddWithValue(RollupBuckets.StartOf(send.SentAt).UtcDateTime);
        command.Parameters.AddWithValue(RollupScope.All);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
