-- Webhook deliveries are a polled outbox: a worker claims due rows with FOR UPDATE SKIP LOCKED and holds a lease
-- until it records the outcome; a worker that dies mid-delivery leaves the lease to expire and another takes over.
ALTER TABLE "webhook_delivery" ADD COLUMN "lease_until" TIMESTAMPTZ(3);
