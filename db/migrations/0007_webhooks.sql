-- Webhook delivery. A webhook's definition (URL, secrets, filter) is grain state; what grows with traffic lives here:
-- each webhook's place in the event feed, one delivery per (webhook, event), and every attempt to deliver it.
-- The cursor moves in the same transaction that queues the deliveries it passed, so a crash can neither lose an
-- event nor queue one twice.

CREATE TABLE webhook_cursors (
    webhook_id text PRIMARY KEY,
    xact_id    xid8 NOT NULL,
    event_id   uuid NOT NULL
);

CREATE TABLE webhook_deliveries (
    delivery_id     uuid PRIMARY KEY,
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    webhook_id      text NOT NULL,
    event_id        uuid NOT NULL,
    event_type      text NOT NULL,
    body            text NOT NULL,
    created_at      timestamptz NOT NULL,
    state           text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    -- attempts since the delivery was queued or last replayed: what the retry schedule counts
    round_attempts  integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (webhook_id, next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_newest ON webhook_deliveries (webhook_id, seq);

CREATE TABLE webhook_attempts (
    delivery_id   uuid NOT NULL REFERENCES webhook_deliveries ON DELETE CASCADE,
    attempted_at  timestamptz NOT NULL,
    status_code   integer NULL,
    latency_ms    integer NOT NULL,
    error         text NULL,
    response_body text NULL
);
CREATE INDEX webhook_attempts_of_delivery ON webhook_attempts (delivery_id, attempted_at);
