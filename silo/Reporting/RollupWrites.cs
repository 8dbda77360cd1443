using Engagement.Grains.Reporting;
using Engagement.Grains.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Silo.Reporting;

/// <summary>The statements that add a rollup batch to the tables and move the cursor: one round trip, multi-row from arrays.</summary>
public static class RollupWrites
{
    public static NpgsqlBatch For(NpgsqlConnection connection, RollupBatch batch, FeedPosition moveTo)
    {
        var commands = new NpgsqlBatch(connection);
        if (batch.Engagement.Count > 0)
        {
            var rows = batch.Engagement.ToList();
            commands.BatchCommands.Add(Command("""
                INSERT INTO engagement_rollups AS r (project_id, bucket_start, route_id, tag, classification, counts,
                                                     opens, unique_opens, clicks, unique_clicks)
                SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::boolean[],
                                     $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[])
                ON CONFLICT (project_id, bucket_start, route_id, tag, classification, counts) DO UPDATE
                   SET opens = r.opens + EXCLUDED.opens, unique_opens = r.unique_opens + EXCLUDED.unique_opens,
                       clicks = r.clicks + EXCLUDED.clicks, unique_clicks = r.unique_clicks + EXCLUDED.unique_clicks
                """,
                [.. ScopeArrays(rows.Select(r => r.Key.Scope)),
                rows.Select(r => r.Key.Classification).ToArray(),
                rows.Select(r => r.Key.Counts).ToArray(),
                rows.Select(r => r.Value.Opens).ToArray(),
                rows.Select(r => r.Value.UniqueOpens).ToArray(),
                rows.Select(r => r.Value.Clicks).ToArray(),
                rows.Select(r => r.Value.UniqueClicks).ToArray()]));
        }

        if (batch.EvidentOpens.Count > 0)
        {
            var rows = batch.EvidentOpens.ToList();
            commands.BatchCommands.Add(Command("""
                INSERT INTO evident_open_rollups AS r (project_id, bucket_start, route_id, tag, recipients)
                SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[])
                ON CONFLICT (project_id, bucket_start, route_id, tag) DO UPDATE SET recipients = r.recipients + EXCLUDED.recipients
                """,
                [.. ScopeArrays(rows.Select(r => r.Key)),
                rows.Select(r => r.Value).ToArray()]));
        }

        if (batch.Links.Count > 0)
        {
            var rows = batch.Links.ToList();
            commands.BatchCommands.Add(Command("""
                INSERT INTO link_rollups AS r (project_id, bucket_start, route_id, tag, link_index, destination_md5, destination_url,
                                               counts, clicks, unique_clicks)
                SELECT p, b, rt, t, l, md5(u)::uuid, u, c, n, un
                  FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::integer[], $6::text[], $7::boolean[],
                              $8::bigint[], $9::bigint[]) AS x (p, b, rt, t, l, u, c, n, un)
                ON CONFLICT (project_id, bucket_start, route_id, tag, link_index, destination_md5, counts) DO UPDATE
                   SET clicks = r.clicks + EXCLUDED.clicks, unique_clicks = r.unique_clicks + EXCLUDED.unique_clicks
                """,
                [.. ScopeArrays(rows.Select(r => r.Key.Scope)),
                rows.Select(r => r.Key.LinkIndex).ToArray(),
                rows.Select(r => r.Key.DestinationUrl).ToArray(),
                rows.Select(r => r.Key.Counts).ToArray(),
                rows.Select(r => r.Value.Clicks).ToArray(),
                rows.Select(r => r.Value.UniqueClicks).ToArray()]));
        }

        if (batch.Clients.Count > 0)
        {
            var rows = batch.Clients.ToList();
            commands.BatchCommands.Add(Command("""
                INSERT INTO client_rollups AS r (project_id, bucket_start, route_id, tag, device_type, client_type, client_name,
                                                 counts, opens, clicks)
                SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                     $8::boolean[], $9::bigint[], $10::bigint[])
                ON CONFLICT (project_id, bucket_start, route_id, tag, device_type, client_type, client_name, counts) DO UPDATE
                   SET opens = r.opens + EXCLUDED.opens, clicks = r.clicks + EXCLUDED.clicks
                """,
                [.. ScopeArrays(rows.Select(r => r.Key.Scope)),
                rows.Select(r => r.Key.DeviceType).ToArray(),
                rows.Select(r => r.Key.ClientType).ToArray(),
                rows.Select(r => r.Key.ClientName).ToArray(),
                rows.Select(r => r.Key.Counts).ToArray(),
                rows.Select(r => r.Value.Opens).ToArray(),
                rows.Select(r => r.Value.Clicks).ToArray()]));
        }

        if (batch.Recipients.Count > 0)
        {
            var rows = batch.Recipients.ToList();
            commands.BatchCommands.Add(Command("""
                INSERT INTO engaged_recipients (message_id, recipient_index, first_open_at, first_click_at, clicked_links)
                SELECT m, i, o, c, l::integer[]
                  FROM unnest($1::text[], $2::integer[], $3::timestamptz[], $4::timestamptz[], $5::text[]) AS x (m, i, o, c, l)
                ON CONFLICT (message_id, recipient_index) DO UPDATE
                   SET first_open_at = EXCLUDED.first_open_at, first_click_at = EXCLUDED.first_click_at,
                       clicked_links = EXCLUDED.clicked_links
                """,
                [rows.Select(r => r.Key.MessageId).ToArray(),
                rows.Select(r => r.Key.RecipientIndex).ToArray(),
                rows.Select(r => r.Value.FirstOpenAt?.UtcDateTime).ToArray(),
                rows.Select(r => r.Value.FirstClickAt?.UtcDateTime).ToArray(),
                rows.Select(r => "{" + string.Join(',', r.Value.ClickedLinks.Order()) + "}").ToArray()]));
        }

        var cursor = new NpgsqlBatchCommand("UPDATE rollup_cursor SET xact_id = $2, event_id = $3 WHERE consumer = $1");
        cursor.Parameters.AddWithValue(RollupConsumer.Consumer);
        cursor.Parameters.Add(new NpgsqlParameter { Value = moveTo.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        cursor.Parameters.AddWithValue(moveTo.EventId);
        commands.BatchCommands.Add(cursor);
        return commands;
    }

    private static object[] ScopeArrays(IEnumerable<RollupScope> scopes)
    {
        var all = scopes.ToList();
        return
        [
            all.Select(s => s.ProjectId).ToArray(),
            all.Select(s => s.BucketStart.UtcDateTime).ToArray(),
            all.Select(s => s.RouteId).ToArray(),
            all.Select(s => s.Tag).ToArray(),
        ];
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        return command;
    }
}
