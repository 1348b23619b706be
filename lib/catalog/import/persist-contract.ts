// An imported ODCS document declares a contract version: it is proposed as a DRAFT of its interface's contract
// (imports never approve anything), unless that version already exists or the contract has newer or open work.
import { recordAudit } from "@/lib/audit/record";
import { can, type Ctx } from "@/lib/auth/can";
import { compareVersions } from "@/lib/contracts/rules";
import { ContractContent } from "@/lib/contracts/schemas";
import type { Prisma } from "@/lib/db/generated/client";
import type { ImportedInterface } from "./model";

type Tx = Prisma.TransactionClient;

export async function writeImportedContract(tx: Tx, ctx: Ctx, interfaceId: string, ownerTeamId: string | null, imported: ImportedInterface): Promise<string[]> {
  const where = imported.origin ?? imported.name;
  const notes = (imported.contract?.warnings ?? []).map((w) => `${where}: ${w}`);
  const parsed = ContractContent.safeParse(imported.contract?.content);
  if (!parsed.success) return notes;
  const content = parsed.data;
  const siblings = await tx.dataContract.findMany({ where: { interfaceId }, select: { id: true, version: true, status: true, schema: true, sla: true } });
  const same = siblings.find((s) => s.version === content.version);
  if (same) {
    if (same.schema !== content.schema || JSON.stringify(same.sla) !== JSON.stringify(content.sla)) {
      notes.push(`${where}: contract version ${content.version} already exists with other content; raise the document's version to propose the change`);
    }
    return notes;
  }
  const newer = siblings.find((s) => compareVersions(s.version, content.version) > 0);
  const open = siblings.find((s) => s.status === "DRAFT" || s.status === "IN_REVIEW");
  if (newer || open) {
    notes.push(`${where}: no contract version ${content.version} created: ${newer ? `version ${newer.version} is newer` : `version ${open!.version} is still ${open!.status === "DRAFT" ? "a draft" : "in review"}`}`);
    return notes;
  }
  if (!can(ctx, "contract.propose", { ownerTeamId })) {
    notes.push(`${where}: no contract version created: proposing contracts for this interface needs contract.propose on its owner team`);
    return notes;
  }
  const row = await tx.dataContract.create({ data: { ...content, interfaceId, ownerTeamId, status: "DRAFT", proposedById: ctx.actor?.id ?? null }, select: { id: true, version: true } });
  await recordAudit(tx, ctx, { action: "contract.import", entityType: "contract", entityId: row.id, after: { interfaceId, version: row.version, status: "DRAFT", source: where } });
  return notes;
}
