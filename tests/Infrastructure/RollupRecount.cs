namespace Engagement.Tests.Infrastructure;

/// <summary>
/// Counts the rollups afresh from the raw events, for each route and tag and for all of them (E'\x01'), and tells how
/// many rows differ from what the consumer keeps.
/// </summary>
public static class RollupRecount
{
    public static Task<long> DifferingRowsAsync(TestDatabase database) => database.ScalarAsync<long>("""
        WITH e AS (
            SELECT *, date_bin('15 minutes', occurred_at, 'epoch') AS b, coalesce(tag, '') AS t FROM events),
        recount AS (
            SELECT project_id, b, coalesce(route_id, E'\x01'), coalesce(t, E'\x01'), classification, counts_for_metrics,
                   count(*) FILTER (WHERE event_type = 'message.opened'),
                   count(*) FILTER (WHERE event_type = 'message.opened' AND first_of_kind),
                   count(*) FILTER (WHERE event_type = 'message.clicked'),
                   count(*) FILTER (WHERE event_type = 'message.clicked' AND first_of_kind)
              FROM e
             GROUP BY GROUPING SETS ((project_id, b, route_id, t, classification, counts_for_metrics),
                                     (project_id, b, route_id, classification, counts_for_metrics),
                                     (project_id, b, t, classification, counts_for_metrics),
                                     (project_id, b, classification, counts_for_metrics))),
        evident_recipients AS (
            SELECT project_id, date_bin('15 minutes', min(occurred_at), 'epoch') AS b, route_id, coalesce(tag, '') AS t
              FROM events WHERE counts_for_metrics GROUP BY message_id, recipient_index, project_id, route_id, tag),
        evident AS (
            SELECT project_id, b, coalesce(route_id, E'\x01'), coalesce(t, E'\x01'), count(*)
              FROM evident_recipients
             GROUP BY GROUPING SETS ((project_id, b, route_id, t), (project_id, b, route_id), (project_id, b, t), (project_id, b))),
        kept AS (
            SELECT project_id, bucket_start, route_id, tag, classification, counts, opens, unique_opens, clicks, unique_clicks
              FROM engagement_rollups),
        kept_evident AS (SELECT project_id, bucket_start, route_id, tag, recipients FROM evident_open_rollups WHERE recipients <> 0)
        SELECT (SELECT count(*) FROM ((SELECT * FROM recount EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM recount)) d)
             + (SELECT count(*) FROM ((SELECT * FROM evident EXCEPT SELECT * FROM kept_evident) UNION ALL (SELECT * FROM kept_evident EXCEPT SELECT * FROM evident)) x)
        """);

    /// <summary>Whether the consumer has taken every event written so far.</summary>
    public static Task<bool> CaughtUpAsync(TestDatabase database) => database.ScalarAsync<bool>("""
        SELECT NOT EXISTS (SELECT 1 FROM events e, rollup_cursor c WHERE c.consumer = 'rollups' AND (e.xact_id, e.event_id) > (c.xact_id, c.event_id))
        """);
}
