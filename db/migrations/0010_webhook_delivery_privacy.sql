-- A delivery's body is its event's payload, so it names the recipient and carries the user agent. Erasing a
-- recipient finds its deliveries by message; the retention job minimises bodies older than Privacy:RawDataRetention
-- as it does events, and notes when (minimised_at), so it never reads a minimised body again.
ALTER TABLE webhook_deliveries ADD COLUMN message_id text NULL, ADD COLUMN minimised_at timestamptz NULL;

UPDATE webhook_deliveries SET message_id = body::jsonb #>> '{data,message_id}';

CREATE INDEX webhook_deliveries_of_message ON webhook_deliveries (message_id);
CREATE INDEX webhook_deliveries_unminimised ON webhook_deliveries (created_at) WHERE minimised_at IS NULL;
