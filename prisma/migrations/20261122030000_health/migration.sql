-- Connector agents, telemetry roll-ups, SLA health, baselines and incidents (issue 6).

CREATE TYPE "HealthStatus" AS ENUM ('OK', 'AT_RISK', 'BREACHED', 'NO_DATA');
CREATE TYPE "IncidentKind" AS ENUM ('SLA_BREACH', 'ANOMALY', 'SILENT_AGENT');
CREATE TYPE "IncidentState" AS ENUM ('OPEN', 'RESOLVED');
CREATE TYPE "DiscoveryStatus" AS ENUM ('PENDING', 'CONFIRMED', 'DISMISSED');

CREATE TABLE "agent" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "system_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "flow_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "version" TEXT,
    "host" TEXT,
    "connectors" JSONB NOT NULL DEFAULT '[]',
    "last_seen_at" TIMESTAMPTZ(3),
    "rotated_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "agent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "agent_name_key" ON "agent"("name");
CREATE UNIQUE INDEX "agent_token_hash_key" ON "agent"("token_hash");

CREATE TABLE "telemetry_batch" (
    "agent_id" UUID NOT NULL,
    "batch_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "response" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "telemetry_batch_pkey" PRIMARY KEY ("agent_id", "batch_id")
);
CREATE INDEX "telemetry_batch_received_at_idx" ON "telemetry_batch"("received_at");

CREATE TABLE "flow_metric_minute" (
    "flow_id" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "delivered" BIGINT NOT NULL DEFAULT 0,
    "failed" BIGINT NOT NULL DEFAULT 0,
    "retried" BIGINT NOT NULL DEFAULT 0,
    "dead_lettered" BIGINT NOT NULL DEFAULT 0,
    "latency_p50" DOUBLE PRECISION,
    "latency_p95" DOUBLE PRECISION,
    "latency_p99" DOUBLE PRECISION,
    "lag_seconds" DOUBLE PRECISION,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "reports" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "flow_metric_minute_pkey" PRIMARY KEY ("flow_id", "minute")
);
CREATE INDEX "flow_metric_minute_minute_idx" ON "flow_metric_minute"("minute");

CREATE TABLE "flow_metric_hour" (
    "flow_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "delivered" BIGINT NOT NULL DEFAULT 0,
    "failed" BIGINT NOT NULL DEFAULT 0,
    "retried" BIGINT NOT NULL DEFAULT 0,
    "dead_lettered" BIGINT NOT NULL DEFAULT 0,
    "latency_p50" DOUBLE PRECISION,
    "latency_p95" DOUBLE PRECISION,
    "latency_p99" DOUBLE PRECISION,
    "lag_seconds" DOUBLE PRECISION,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "minutes" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "flow_metric_hour_pkey" PRIMARY KEY ("flow_id", "hour")
);
CREATE INDEX "flow_metric_hour_hour_idx" ON "flow_metric_hour"("hour");

CREATE TABLE "flow_health" (
    "flow_id" UUID NOT NULL,
    "status" "HealthStatus" NOT NULL DEFAULT 'NO_DATA',
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sli" JSONB NOT NULL DEFAULT '{}',
    "burn_rates" JSONB NOT NULL DEFAULT '{}',
    "budget" JSONB NOT NULL DEFAULT '{}',
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "flow_health_pkey" PRIMARY KEY ("flow_id")
);
CREATE INDEX "flow_health_status_idx" ON "flow_health"("status");

CREATE TABLE "flow_baseline" (
    "flow_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "hour_of_week" INTEGER NOT NULL,
    "median" DOUBLE PRECISION NOT NULL,
    "mad" DOUBLE PRECISION NOT NULL,
    "samples" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "flow_baseline_pkey" PRIMARY KEY ("flow_id", "metric", "hour_of_week")
);

CREATE TABLE "incident" (
    "id" UUID NOT NULL,
    "kind" "IncidentKind" NOT NULL,
    "state" "IncidentState" NOT NULL DEFAULT 'OPEN',
    "flow_id" UUID,
    "agent_id" UUID,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'warning',
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "suspected_causes" JSONB NOT NULL DEFAULT '[]',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "incident_state_kind_idx" ON "incident"("state", "kind");
CREATE INDEX "incident_flow_id_opened_at_idx" ON "incident"("flow_id", "opened_at");
CREATE INDEX "incident_agent_id_idx" ON "incident"("agent_id");
CREATE INDEX "incident_opened_at_idx" ON "incident"("opened_at");

CREATE TABLE "incident_event" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,
    CONSTRAINT "incident_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "incident_event_incident_id_at_idx" ON "incident_event"("incident_id", "at");

CREATE TABLE "discovered_flow" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "producer_system" TEXT,
    "interface_name" TEXT,
    "consumer_system" TEXT,
    "status" "DiscoveryStatus" NOT NULL DEFAULT 'PENDING',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "measurements" INTEGER NOT NULL DEFAULT 0,
    "delivered" BIGINT NOT NULL DEFAULT 0,
    "failed" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "discovered_flow_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "discovered_flow_agent_id_external_id_key" ON "discovered_flow"("agent_id", "external_id");
CREATE INDEX "discovered_flow_status_idx" ON "discovered_flow"("status");

ALTER TABLE "telemetry_batch" ADD CONSTRAINT "telemetry_batch_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "flow_metric_minute" ADD CONSTRAINT "flow_metric_minute_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "flow_metric_hour" ADD CONSTRAINT "flow_metric_hour_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "flow_health" ADD CONSTRAINT "flow_health_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "flow_baseline" ADD CONSTRAINT "flow_baseline_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "incident" ADD CONSTRAINT "incident_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "incident" ADD CONSTRAINT "incident_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "incident_event" ADD CONSTRAINT "incident_event_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "discovered_flow" ADD CONSTRAINT "discovered_flow_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
