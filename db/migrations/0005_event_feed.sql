-- The event feed that webhooks and rollups consume: events in commit order, after a consumer's cursor.
-- Ordering by occurred_at cannot work for a cursor (a hit that commits late may carry an earlier time and would be
-- skipped); ordering by the writing transaction's id can, when a reader only looks below the oldest transaction still
-- in progress (pg_snapshot_xmin): everything below it has finished, so nothing can appear there later.
--
-- settles_at: until then the message grain may still revise an event's classification (later evidence such as a
-- scanner burst); consumers take only settled events, so they see the final verdict.

ALTER TABLE events ADD COLUMN xact_id xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE events ADD COLUMN settles_at timestamptz NULL;
UPDATE events SET settles_at = occurred_at;
ALTER TABLE events ALTER COLUMN settles_at SET NOT NULL;

CREATE INDEX events_in_commit_order ON events (xact_id, event_id);
CREATE INDEX events_of_route_in_commit_order ON events (route_id, xact_id, event_id);
