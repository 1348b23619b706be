-- Interface ownership moves by request: the receiving team's lead (or a platform admin) accepts or declines.

CREATE TYPE "TransferStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED');

CREATE TABLE "interface_transfer" (
    "id" UUID NOT NULL,
    "interface_id" UUID NOT NULL,
    "from_team_id" UUID,
    "to_team_id" UUID NOT NULL,
    "status" "TransferStatus" NOT NULL DEFAULT 'PENDING',
    "note" TEXT,
    "requested_by_id" UUID,
    "decided_by_id" UUID,
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    CONSTRAINT "interface_transfer_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "interface_transfer_interface_id_status_idx" ON "interface_transfer"("interface_id", "status");
CREATE INDEX "interface_transfer_to_team_id_status_idx" ON "interface_transfer"("to_team_id", "status");

ALTER TABLE "interface_transfer" ADD CONSTRAINT "interface_transfer_interface_id_fkey" FOREIGN KEY ("interface_id") REFERENCES "interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interface_transfer" ADD CONSTRAINT "interface_transfer_from_team_id_fkey" FOREIGN KEY ("from_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "interface_transfer" ADD CONSTRAINT "interface_transfer_to_team_id_fkey" FOREIGN KEY ("to_team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interface_transfer" ADD CONSTRAINT "interface_transfer_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "interface_transfer" ADD CONSTRAINT "interface_transfer_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
