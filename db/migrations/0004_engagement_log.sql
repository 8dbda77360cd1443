-- The engagement log: every tracking hit (observation) and the event it becomes. Append-only, written in
-- batches by the silos (group commit), partitioned by day so that retention drops whole partitions.
-- Primary keys include the partition key, as PostgreSQL requires; an observation keeps its original
-- received_at when it is replayed from a spool, so a replay collides with the first write and is skipped.

CREATE TABLE observations (
    observation_id  uuid NOT NULL,
    received_at     timestamptz NOT NULL,
    project_id      text NOT NULL,
    message_id      text NOT NULL,
    recipient_index integer NOT NULL,
    kind            text NOT NULL,
    link_index      integer NULL,
    method          text NOT NULL,
    client_ip       text NULL,
    user_agent      text NULL,
    headers         jsonb NULL,
    classification  text NOT NULL,
    bot             jsonb NOT NULL,
    PRIMARY KEY (observation_id, received_at)
) PARTITION BY RANGE (received_at);
CREATE INDEX observations_by_message ON observations (message_id, received_at);

CREATE TABLE events (
    event_id           uuid NOT NULL,
    occurred_at        timestamptz NOT NULL,
    project_id         text NOT NULL,
    route_id           text NOT NULL,
    tag                text NULL,
    message_id         text NOT NULL,
    recipient_index    integer NOT NULL,
    recipient          text NOT NULL,
    event_type         text NOT NULL,
    link_index         integer NULL,
    first_of_kind      boolean NOT NULL,
    machine            boolean NOT NULL,
    counts_for_metrics boolean NOT NULL,
    classification     text NOT NULL,
    device_type        text NULL,
    client_type        text NULL,
    client_name        text NULL,
    data               jsonb NOT NULL,
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX events_by_message ON events (message_id, occurred_at);
CREATE INDEX events_by_project ON events (project_id, occurred_at);

-- Rows outside every daily partition land here rather than fail; the partition keeper creates days ahead.
CREATE TABLE observations_default PARTITION OF observations DEFAULT;
CREATE TABLE events_default PARTITION OF events DEFAULT;

-- Creates the daily partitions of both tables for [from_day, from_day + days); safe to call repeatedly and concurrently.
CREATE FUNCTION ensure_engagement_partitions(from_day date, days integer) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    day date;
    parent text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('ensure_engagement_partitions'));
    FOR i IN 0 .. days - 1 LOOP
        day := from_day + i;
        FOREACH parent IN ARRAY ARRAY['observations', 'events'] LOOP
            IF to_regclass(format('%s_%s', parent, to_char(day, 'YYYYMMDD'))) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                               format('%s_%s', parent, to_char(day, 'YYYYMMDD')), parent,
                               day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
            END IF;
        END LOOP;
    END LOOP;
END
$fn$;
