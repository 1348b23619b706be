-- Contract workflow: proposal metadata on data_contract, flow subscriptions, approval requests, threaded
-- discussion, in-app notifications and signed team webhooks with their delivery log.
CREATE TYPE "ApproverKind" AS ENUM ('TEAM', 'COMPLIANCE');
CREATE TYPE "ApprovalDecision" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CHANGES_REQUESTED');
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

ALTER TABLE "data_contract"
    ADD COLUMN "personal_data" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "cross_border_transfer" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "description" TEXT,
    ADD COLUMN "change_note" TEXT,
    ADD COLUMN "changes" JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN "breaking" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "proposed_by_id" UUID,
    ADD COLUMN "submitted_at" TIMESTAMPTZ(3),
    ADD COLUMN "activated_at" TIMESTAMPTZ(3);
ALTER TABLE "data_contract" ADD CONSTRAINT "data_contract_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "contract_subscription" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contract_subscription_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "contract_subscription_flow_id_contract_id_key" ON "contract_subscription"("flow_id", "contract_id");
CREATE INDEX "contract_subscription_contract_id_idx" ON "contract_subscription"("contract_id");
ALTER TABLE "contract_subscription" ADD CONSTRAINT "contract_subscription_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "data_contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contract_subscription" ADD CONSTRAINT "contract_subscription_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "approval_request" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "kind" "ApproverKind" NOT NULL,
    "team_id" UUID,
    "approver_key" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL DEFAULT 'PENDING',
    "comment" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "approval_request_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "approval_request_contract_id_approver_key_key" ON "approval_request"("contract_id", "approver_key");
CREATE INDEX "approval_request_team_id_decision_idx" ON "approval_request"("team_id", "decision");
CREATE INDEX "approval_request_kind_decision_idx" ON "approval_request"("kind", "decision");
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "data_contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "contract_comment" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "parent_id" UUID,
    "author_id" UUID,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contract_comment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "contract_comment_contract_id_created_at_idx" ON "contract_comment"("contract_id", "created_at");
ALTER TABLE "contract_comment" ADD CONSTRAINT "contract_comment_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "data_contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contract_comment" ADD CONSTRAINT "contract_comment_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "contract_comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contract_comment" ADD CONSTRAINT "contract_comment_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "link" TEXT,
    "contract_id" UUID,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notification_user_id_read_at_created_at_idx" ON "notification"("user_id", "read_at", "created_at");
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification" ADD CONSTRAINT "notification_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "data_contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "team_webhook" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "team_webhook_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "team_webhook_team_id_key" ON "team_webhook"("team_id");
ALTER TABLE "team_webhook" ADD CONSTRAINT "team_webhook_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL,
    "webhook_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status" INTEGER,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_delivery_webhook_id_created_at_idx" ON "webhook_delivery"("webhook_id", "created_at");
CREATE INDEX "webhook_delivery_status_next_attempt_at_idx" ON "webhook_delivery"("status", "next_attempt_at");
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "team_webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;
