namespace Engagement.Tests.Infrastructure;

/// <summary>Counts the rollups afresh from the raw events and tells how many rows differ from what the consumer keeps.</summary>
public static class RollupRecount
{
    public static Task<long> DifferingRowsAsync(TestDatabase database) => database.ScalarAsync<long>("""
        WITH recount AS (
            SELECT project_id, date_bin('15 minutes', occurred_at, 'epoch') AS bucket_start, route_id, coalesce(tag, '') AS tag,
                   classification, counts_for_metrics AS counts,
                   count(*) FILTER (WHERE event_type = 'message.opened') AS opens,
                   count(*) FILTER (WHERE event_type = 'message.opened' AND first_of_kind) AS unique_opens,
                   count(*) FILTER (WHERE event_type = 'message.clicked') AS clicks,
                   count(*) FILTER (WHERE event_type = 'message.clicked' AND first_of_kind) AS unique_clicks
              FROM events GROUP BY 1, 2, 3, 4, 5, 6),
        evident_recount AS (
            SELECT project_id, date_bin('15 minutes', min(occurred_at), 'epoch') AS bucket_start, route_id, coalesce(tag, '') AS tag
              FROM events WHERE counts_for_metrics GROUP BY message_id, recipient_index, project_id, route_id, tag),
        evident AS (
            SELECT project_id, bucket_start, route_id, tag, count(*) AS recipients FROM evident_recount GROUP BY 1, 2, 3, 4),
        kept AS (
            SELECT project_id, bucket_start, route_id, tag, classification, counts, opens, unique_opens, clicks, unique_clicks
              FROM engagement_rollups),
        kept_evident AS (SELECT project_id, bucket_start, route_id, tag, recipients FROM evident_open_rollups WHERE recipients <> 0)
        SELECT (SELECT count(*) FROM ((SELECT * FROM recount EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM recount)) d)
             + (SELECT count(*) FROM ((SELECT * FROM evident EXCEPT SELECT * FROM kept_evident) UNION ALL (SELECT * FROM kept_evident EXCEPT SELECT * FROM evident)) e)
        """);

    /// <summary>Whether the consumer has taken every event written so far.</summary>
    public static Task<bool> CaughtUpAsync(TestDatabase database) => database.ScalarAsync<bool>("""
        SELECT NOT EXISTS (SELECT 1 FROM events e, feed_cursors c WHERE c.consumer = 'rollups' AND (e.xact_id, e.event_id) > (c.xact_id, c.event_id))
        """);
}
