import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { inEea } from "./countries";
import { transferEvidence, transferGaps } from "./transfers";
import { POLICY_DEFINITIONS, POLICY_KEYS, type PolicyKey } from "./policies";

export type Coverage = { total: number; classified: number; suggested: number; unknown: number; rejected: number };
export type CrossBorderFlow = {
  flowId: string;
  name: string;
  source: string;
  destination: string;
  leavesEea: boolean;
  transferTool: string | null;
  transferDocument: string | null;
  covered: boolean;
};
export type ComplianceOverview = {
  coverage: Coverage;
  byPolicy: { policy: PolicyKey; title: string; count: number }[];
  byDomain: { domainId: string | null; domain: string; count: number }[];
  crossBorder: { total: number; leavingEea: number; uncovered: number; flows: CrossBorderFlow[] };
};

/** The compliance dashboard's figures, all computed from the catalog as it is now. */
export async function complianceOverview(ctx: Ctx): Promise<ComplianceOverview> {
  requirePermission(ctx, "compliance.read");
  const [[coverage], byPolicy, byDomain, borders] = await Promise.all([
    db().$queryRaw<{ total: bigint; classified: bigint; suggested: bigint; rejected: bigint }[]>`
      WITH latest AS (SELECT DISTINCT ON (interface_id) id FROM interface_version ORDER BY interface_id, created_at DESC, id DESC)
      SELECT count(*) AS total,
        count(*) FILTER (WHERE f.classification IS NOT NULL) AS classified,
        count(*) FILTER (WHERE f.classification IS NULL AND fc.status = 'SUGGESTED') AS suggested,
        count(*) FILTER (WHERE f.classification IS NULL AND fc.status = 'REJECTED') AS rejected
      FROM interface_field f JOIN latest l ON l.id = f.interface_version_id LEFT JOIN field_classification fc ON fc.field_id = f.id`,
    db().policyViolation.groupBy({ by: ["policy"], _count: { _all: true } }),
    db().$queryRaw<{ domain_id: string | null; domain: string | null; count: bigint }[]>`
      SELECT d.id::text AS domain_id, d.name AS domain, count(*) AS count
      FROM policy_violation v JOIN interface i ON i.id = v.interface_id JOIN system s ON s.id = i.system_id
      LEFT JOIN domain d ON d.id = coalesce(i.domain_id, s.domain_id)
      GROUP BY d.id, d.name ORDER BY count(*) DESC, d.name`,
    db().$queryRaw<{ id: string; name: string; source: string | null; destination: string | null; transfer_tool: string | null; transfer_document: string | null;
      scc_module: string | null; signed_on: Date | null; derogation: string | null; tia: string | null; dpf: string | null }[]>`
      SELECT f.id::text, f.name, coalesce(f.source_country, ps.hosting_countries[1]) AS source,
        coalesce(f.destination_country, cs.hosting_countries[1]) AS destination, f.transfer_tool::text, f.transfer_document,
        f.transfer_scc_module AS scc_module, f.transfer_signed_on AS signed_on, f.transfer_derogation AS derogation, f.transfer_tia AS tia, f.transfer_dpf_certification AS dpf
      FROM flow f JOIN interface i ON i.id = f.interface_id JOIN system ps ON ps.id = i.system_id JOIN system cs ON cs.id = f.consumer_system_id
      WHERE coalesce(f.source_country, ps.hosting_countries[1]) IS DISTINCT FROM coalesce(f.destination_country, cs.hosting_countries[1])
        AND coalesce(f.source_country, ps.hosting_countries[1]) IS NOT NULL AND coalesce(f.destination_country, cs.hosting_countries[1]) IS NOT NULL
      ORDER BY f.name`,
  ]);
  const total = Number(coverage.total);
  const classified = Number(coverage.classified);
  const suggested = Number(coverage.suggested);
  const counts = new Map(byPolicy.map((p) => [p.policy, p._count._all]));
  const flows: CrossBorderFlow[] = borders.map((b) => {
    const leavesEea = inEea(b.source!) && !inEea(b.destination!);
    const evidence = transferEvidence({
      transferTool: b.transfer_tool, transferDocument: b.transfer_document, transferSccModule: b.scc_module, transferSignedOn: b.signed_on,
      transferDerogation: b.derogation, transferTia: b.tia, transferDpfCertification: b.dpf,
    });
    const covered = !leavesEea || transferGaps(b.destination!, evidence).length === 0;
    return { flowId: b.id, name: b.name, source: b.source!, destination: b.destination!, leavesEea, transferTool: b.transfer_tool, transferDocument: b.transfer_document, covered };
  });
  flows.sort((a, b) => Number(a.covered) - Number(b.covered) || Number(b.leavesEea) - Number(a.leavesEea) || a.name.localeCompare(b.name));
  return {
    coverage: { total, classified, suggested, unknown: total - classified - suggested, rejected: Number(coverage.rejected) },
    byPolicy: POLICY_KEYS.map((policy) => ({ policy, title: POLICY_DEFINITIONS[policy].title, count: counts.get(policy) ?? 0 })),
    byDomain: byDomain.map((d) => ({ domainId: d.domain_id, domain: d.domain ?? "No domain", count: Number(d.count) })),
    crossBorder: { total: flows.length, leavingEea: flows.filter((f) => f.leavesEea).length, uncovered: flows.filter((f) => !f.covered).length, flows },
  };
}
