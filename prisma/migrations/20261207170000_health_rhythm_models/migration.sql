-- Issue 17: silence as a fault (newest delivered message per minute and per flow), the seasonal anomaly model and
-- its hysteresis per flow, replacing the hour-of-week baselines.
ALTER TABLE "flow_metric_minute" ADD COLUMN "last_delivered_at" TIMESTAMPTZ(3);

ALTER TABLE "flow_health" ADD COLUMN "newest_delivered_at" TIMESTAMPTZ(3),
    ADD COLUMN "model" JSONB,
    ADD COLUMN "anomaly_state" JSONB NOT NULL DEFAULT '{}';

DROP TABLE "flow_baseline";
