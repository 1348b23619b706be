-- Issue 17: silence as a fault (newest delivered message per minute and per flow), the seasonal anomaly model and
-- its hysteresis per flow, replacing the hour-of-week baselines.
ALTER TABLE "flow_metric_minute" ADD COLUMN "last_delivered_at" TIMESTAMPTZ(3);

ALTER TABLE "flow_health" ADD COLUMN "newest_delivered_at" TIMESTAMPTZ(3),
    ADD COLUMN "model" JSONB,
    ADD COLUMN "anomaly_state" JSONB NOT NULL DEFAULT '{}';

DROP TABLE "flow_baseline";

-- The last point of every cumulative OTLP series per agent, so each export's increase is stored once.
CREATE TABLE "otlp_series" (
    "agent_id" UUID NOT NULL,
    "series_key" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "otlp_series_pkey" PRIMARY KEY ("agent_id", "series_key")
);
CREATE INDEX "otlp_series_updated_at_idx" ON "otlp_series"("updated_at");
ALTER TABLE "otlp_series" ADD CONSTRAINT "otlp_series_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What the reporting connectors could not measure in the minute (latency, lag, the exact delivered count).
ALTER TABLE "flow_metric_minute" ADD COLUMN "not_measured" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- A ticket-level incident for an error budget burning at 6x over 6 h (and 30 min) or 1x over 3 days (and 6 h).
ALTER TYPE "IncidentKind" ADD VALUE 'BUDGET_BURN';

-- Hours that received telemetry after their roll-up ran (an agent emptying its buffer after an outage): the next
-- maintenance rolls them up again, so budgets and burn windows stay exact.
CREATE TABLE "health_late_hour" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "health_late_hour_pkey" PRIMARY KEY ("hour")
);
