-- A click's destination gets a column of its own: the rollups count clicks per destination for every event, and
-- reading it out of the payload would parse the whole document each time.
ALTER TABLE events ADD COLUMN destination_url text NULL;
UPDATE events SET destination_url = data->>'destination_url' WHERE event_type = 'message.clicked';

-- The engagement log's JSON columns hold documents the silo wrote and hands back whole (headers, verdicts, event
-- payloads); nothing searches inside them on the hot path. As json they are checked on the way in and kept byte for
-- byte, in the silo's key order, instead of being converted to jsonb and back: cheaper on every hit (scripts/bench
-- load) and on every webhook read. The few maintenance statements that edit them cast to jsonb where they do.
ALTER TABLE observations ALTER COLUMN headers TYPE json USING headers::json,
                         ALTER COLUMN bot TYPE json USING bot::json;
ALTER TABLE events ALTER COLUMN data TYPE json USING data::json;
