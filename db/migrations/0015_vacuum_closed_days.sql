-- The engagement log's partition for the current day takes every hit, and PostgreSQL's insert-triggered autovacuum
-- kept rewriting its newest pages while hits arrived (a fifth of the pages PostgreSQL wrote under load, each write one
-- more that the next commit's WAL flush waits behind). A day's partition is now vacuumed for its inserts once its day
-- is over, when nothing writes to it any more; until then only dead rows (revised events) trigger a vacuum, and
-- autovacuum's protection against transaction id wraparound is unchanged.

CREATE OR REPLACE FUNCTION ensure_engagement_partitions(from_day date, days integer) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    day date;
    partition text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('ensure_engagement_partitions'));
    FOR i IN 0 .. days - 1 LOOP
        day := from_day + i;
        partition := format('events_%s', to_char(day, 'YYYYMMDD'));
        IF to_regclass(partition) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L) WITH (autovacuum_vacuum_insert_threshold = -1)',
                           partition, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
        END IF;
    END LOOP;
END
$fn$;

-- The daily partitions of the engagement log, with the day each holds.
CREATE OR REPLACE VIEW engagement_partitions AS
SELECT c.oid AS partition, c.relname AS name, to_date(substr(c.relname, 8), 'YYYYMMDD') AS day,
       coalesce(c.reloptions @> ARRAY['autovacuum_vacuum_insert_threshold=-1'], false) AS being_written
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = 'events'::regclass AND c.relname ~ '^events_[0-9]{8}$';

-- Hands the partitions of days before before_day back to autovacuum's defaults, which then vacuums each once.
CREATE OR REPLACE FUNCTION close_engagement_partitions(before_day date) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    partition text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('ensure_engagement_partitions'));
    FOR partition IN SELECT name FROM engagement_partitions WHERE day < before_day AND being_written LOOP
        EXECUTE format('ALTER TABLE %I RESET (autovacuum_vacuum_insert_threshold)', partition);
    END LOOP;
END
$fn$;

DO $do$
DECLARE
    partition text;
BEGIN
    FOR partition IN SELECT name FROM engagement_partitions WHERE day >= (now() AT TIME ZONE 'UTC')::date AND NOT being_written LOOP
        EXECUTE format('ALTER TABLE %I SET (autovacuum_vacuum_insert_threshold = -1)', partition);
    END LOOP;
END
$do$;
