-- Reporting: rollups of the event feed and of sends, so that a stats query reads a few thousand rows however many
-- raw events exist. Buckets are 15 minutes in UTC: every time zone in use today is offset from UTC by a multiple of
-- 15 minutes (Asia/Kolkata +05:30, Asia/Kathmandu +05:45), so hours and days of any zone are unions of whole buckets.
-- A missing tag is stored as '' because key columns cannot be NULL.
--
-- Every count is kept four times: for its route and tag, for its route and all tags, for its tag and all routes, and
-- for all routes and tags, where "all" is E'\x01' (a control character, which no route id or tag may contain). So a
-- query, filtered or not, reads exactly one row per bucket and classification: a 30-day daily query reads
-- 2,880 buckets' rows however many routes, tags and events there are.

-- Where each consumer of the event feed has got to. A consumer moves its cursor in the same transaction that applies
-- the events it read, and locks its row for that transaction, so no event is applied twice or skipped.
CREATE TABLE rollup_cursor (
    consumer text PRIMARY KEY,
    xact_id  xid8 NOT NULL,
    event_id uuid NOT NULL
);
INSERT INTO rollup_cursor (consumer, xact_id, event_id) VALUES ('rollups', '0', '00000000-0000-0000-0000-000000000000');

-- One row per recipient of every accepted message, written by the message grain right after it accepts.
CREATE TABLE sends (
    message_id      text NOT NULL,
    recipient_index integer NOT NULL,
    project_id      text NOT NULL,
    route_id        text NOT NULL,
    tag             text NOT NULL,
    recipient       text NOT NULL,
    sent_at         timestamptz NOT NULL,
    PRIMARY KEY (message_id, recipient_index)
);
CREATE INDEX sends_by_recipient ON sends (project_id, lower(recipient));

CREATE TABLE send_rollups (
    project_id   text NOT NULL,
    bucket_start timestamptz NOT NULL,
    route_id     text NOT NULL,
    tag          text NOT NULL,
    sent         bigint NOT NULL,
    PRIMARY KEY (project_id, route_id, tag, bucket_start)
);

-- Opens and clicks per classification; "counts" is counts_for_metrics, so default stats read counts = true only.
-- Unique figures count each recipient once, in the bucket of its first counting open (click).
CREATE TABLE engagement_rollups (
    project_id     text NOT NULL,
    bucket_start   timestamptz NOT NULL,
    route_id       text NOT NULL,
    tag            text NOT NULL,
    classification text NOT NULL,
    counts         boolean NOT NULL,
    opens          bigint NOT NULL,
    unique_opens   bigint NOT NULL,
    clicks         bigint NOT NULL,
    unique_clicks  bigint NOT NULL,
    PRIMARY KEY (project_id, route_id, tag, bucket_start, classification, counts)
);

-- Recipients who evidently opened: each counted once, in the bucket of its earliest counting open or click.
-- The earliest evidence can move back when a hit arrives late (a spool replay), so rows here go down as well as up.
CREATE TABLE evident_open_rollups (
    project_id   text NOT NULL,
    bucket_start timestamptz NOT NULL,
    route_id     text NOT NULL,
    tag          text NOT NULL,
    recipients   bigint NOT NULL,
    PRIMARY KEY (project_id, route_id, tag, bucket_start)
);

-- Each engaged recipient's earliest counting open and click, which the evident-open rollup is derived from, and the
-- links it has clicked, which unique clicks per link are derived from. Keyed by message and index: no address here.
CREATE TABLE engaged_recipients (
    message_id      text NOT NULL,
    recipient_index integer NOT NULL,
    first_open_at   timestamptz NULL,
    first_click_at  timestamptz NULL,
    clicked_links   integer[] NOT NULL,
    PRIMARY KEY (message_id, recipient_index)
);

-- Destinations may be 8 KB, too long for an index entry: the key holds their MD5 instead.
CREATE TABLE link_rollups (
    project_id      text NOT NULL,
    bucket_start    timestamptz NOT NULL,
    route_id        text NOT NULL,
    tag             text NOT NULL,
    link_index      integer NOT NULL,
    destination_md5 uuid NOT NULL,
    destination_url text NOT NULL,
    counts          boolean NOT NULL,
    clicks          bigint NOT NULL,
    unique_clicks   bigint NOT NULL,
    PRIMARY KEY (project_id, route_id, tag, bucket_start, link_index, destination_md5, counts)
);

CREATE TABLE client_rollups (
    project_id   text NOT NULL,
    bucket_start timestamptz NOT NULL,
    route_id     text NOT NULL,
    tag          text NOT NULL,
    device_type  text NOT NULL,
    client_type  text NOT NULL,
    client_name  text NOT NULL,
    counts       boolean NOT NULL,
    opens        bigint NOT NULL,
    clicks       bigint NOT NULL,
    PRIMARY KEY (project_id, route_id, tag, bucket_start, device_type, client_type, client_name, counts)
);

-- Privacy: salts for hashing client addresses, one per month of hits, so hashes group a month's hits by address
-- without keeping the address. A month's salt goes when the month's partitions do.
CREATE TABLE address_salts (
    month date PRIMARY KEY,
    salt  bytea NOT NULL
);

-- How far raw-data minimisation has got: every observation and event before this instant has been minimised.
CREATE TABLE retention_progress (
    job              text PRIMARY KEY,
    minimised_before timestamptz NOT NULL
);
