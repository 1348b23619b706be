-- Audit events are written unchained in the business transaction and chained into audit_event by a short serial
-- step after commit (lib/audit/chainer.ts), so a long import no longer holds the chain lock for its whole length.

CREATE TABLE "audit_pending" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,
    CONSTRAINT "audit_pending_pkey" PRIMARY KEY ("id")
);

-- A pending event is never edited: only the chainer removes it, once it is in audit_event.
CREATE FUNCTION "audit_pending_no_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_pending rows are not edited; they move to audit_event unchanged';
END;
$$;
CREATE TRIGGER "audit_pending_no_update" BEFORE UPDATE ON "audit_pending"
  FOR EACH ROW EXECUTE FUNCTION "audit_pending_no_update"();
