-- Sessions end at once when an account changes: a browser session carries the version it was issued under.
ALTER TABLE "user" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

-- Sign-in throttling shared by every server instance (rate-limiter-flexible's Prisma store).
CREATE TABLE "rate_limit" (
  "key" TEXT NOT NULL,
  "points" INTEGER NOT NULL DEFAULT 0,
  "expire" TIMESTAMPTZ(3),
  CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

-- Which key hashed an audit event: "sha256" (events written before the chain was keyed) or "hmac-sha256".
ALTER TABLE "audit_event" ADD COLUMN "hash_alg" TEXT NOT NULL DEFAULT 'sha256';

-- Row triggers do not fire on TRUNCATE; a statement-level trigger refuses it.
CREATE FUNCTION "audit_event_refuse_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: TRUNCATE refused';
END;
$$;
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_refuse_truncate"();

-- DDL on the audit table (DROP, ALTER, disabling its triggers) is refused by an event trigger. Creating one needs
-- a superuser; where the migrating role is not one, the README's "Access and audit" section gives the role setup
-- (the application role owns nothing and holds only INSERT/SELECT on audit_event).
CREATE FUNCTION "audit_event_refuse_ddl"() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    IF command.object_identity LIKE '%audit_event%' AND current_setting('interchange.allow_audit_ddl', true) IS DISTINCT FROM 'on' THEN
      RAISE EXCEPTION 'DDL on the audit trail is refused (%)', command.command_tag;
    END IF;
  END LOOP;
END;
$$;
CREATE FUNCTION "audit_event_refuse_drop"() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  dropped record;
BEGIN
  FOR dropped IN SELECT * FROM pg_event_trigger_dropped_objects() LOOP
    IF dropped.object_identity LIKE '%audit_event%' AND current_setting('interchange.allow_audit_ddl', true) IS DISTINCT FROM 'on' THEN
      RAISE EXCEPTION 'Dropping part of the audit trail is refused (%)', dropped.object_identity;
    END IF;
  END LOOP;
END;
$$;
DO $$
BEGIN
  CREATE EVENT TRIGGER "audit_event_no_ddl" ON ddl_command_end EXECUTE FUNCTION "audit_event_refuse_ddl"();
  CREATE EVENT TRIGGER "audit_event_no_drop" ON sql_drop EXECUTE FUNCTION "audit_event_refuse_drop"();
EXCEPTION WHEN insufficient_privilege OR feature_not_supported THEN
  RAISE NOTICE 'event triggers need a superuser; see README "Access and audit" for the role setup';
END;
$$;
