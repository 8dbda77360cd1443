-- When a delivery last became delivered or failed; NULL while it is pending (queued, retrying or replayed). The
-- retention job deletes deliveries finished longer ago than Privacy:DeliveryRetention, their attempts with them.
ALTER TABLE webhook_deliveries ADD COLUMN finished_at timestamptz NULL;

UPDATE webhook_deliveries d
   SET finished_at = COALESCE((SELECT max(a.attempted_at) FROM webhook_attempts a WHERE a.delivery_id = d.delivery_id), d.created_at)
 WHERE d.state <> 'pending';

CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at) WHERE finished_at IS NOT NULL;
