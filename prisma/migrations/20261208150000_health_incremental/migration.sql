-- Issue 18 item 5: incremental SLA evaluation. Late telemetry is marked per flow, so maintenance rolls up again only
-- the flows that received it and the evaluator re-reads only their late minutes; the evaluator records which
-- instance ran the last cycle, so an instance that did not knows its in-memory state is stale.
DROP TABLE "health_late_hour";
CREATE TABLE "health_late_hour" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "flow_id" UUID NOT NULL,
    CONSTRAINT "health_late_hour_pkey" PRIMARY KEY ("hour", "flow_id")
);

CREATE TABLE "health_late_minute" (
    "flow_id" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "health_late_minute_pkey" PRIMARY KEY ("flow_id", "minute")
);

CREATE TABLE "health_evaluator" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "owner" TEXT,
    "cycle" BIGINT NOT NULL DEFAULT 0,
    "at" TIMESTAMPTZ(3),
    CONSTRAINT "health_evaluator_pkey" PRIMARY KEY ("id")
);
INSERT INTO "health_evaluator" ("id") VALUES (1);
