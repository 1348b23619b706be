import "server-only";
// Demo mode registers the demo connector agent like an admin would (audited, token shown once: here written to a
// file only the agent reads) and writes its agent.yaml; `npm start` then runs the real agent (lib/agent/main.ts)
// with it, which reports through the real ingest path (POST /api/v1/telemetry).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { createAgent, rotateAgentToken } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission, systemCtx } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { planDemoTraffic, type TrafficFlow } from "./traffic";

export const DEMO_AGENT_NAME = "demo-traffic";
export const DEMO_AGENT_DESCRIPTION = "Demo traffic: synthetic telemetry from the demo connector, with scheduled faults. Not a measurement.";

/** Where the agent's configuration and token go: `npm start` looks for them here. */
export function demoAgentDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR || ".data", "demo-agent");
}

export async function prepareDemoAgent(prisma: PrismaClient, env: NodeJS.ProcessEnv = process.env): Promise<{ configFile: string; flows: number }> {
  const rows = await prisma.flow.findMany({
    select: { id: true, name: true, style: true, consumerSystemId: true, interface: { select: { systemId: true, contracts: { where: { status: "ACTIVE" }, select: { id: true }, take: 1 } } } },
  });
  const plan = planDemoTraffic(
    rows.map((r): TrafficFlow => ({ id: r.id, name: r.name, style: r.style, providerSystemId: r.interface.systemId, consumerSystemId: r.consumerSystemId, contracted: r.interface.contracts.length > 0 })),
  );
  const ctx = systemCtx("demo-agent");
  const flowIds = plan.flows.map((f) => f.flowId);
  const existing = await prisma.agent.findUnique({ where: { name: DEMO_AGENT_NAME }, select: { id: true, revokedAt: true } });
  // A revoked demo agent stays revoked: the admin turned the demo traffic off.
  if (existing?.revokedAt) return { configFile: "", flows: 0 };
  const issued = existing
    ? await rotateAgentToken(ctx, existing.id)
    : await createAgent(ctx, { name: DEMO_AGENT_NAME, description: DEMO_AGENT_DESCRIPTION, systemIds: [], flowIds });

  const dir = demoAgentDir(env);
  mkdirSync(dir, { recursive: true });
  const tokenFile = path.join(dir, "token");
  writeFileSync(tokenFile, `${issued.token}\n`, { mode: 0o600 });
  const config = {
    portal: { url: `http://127.0.0.1:${env.PORT || "3000"}`, tokenFile, timeout: "10s" },
    interval: "15s",
    heartbeatInterval: "30s",
    bufferDir: path.join(dir, "buffer"),
    connectors: [{ name: "demo", kind: "demo", seed: 1, flows: plan.flows, faults: plan.faults.map((f) => ({ ...f, staleBy: `${f.staleBy / 1000}s`, startsAfter: `${f.startsAfter / 1000}s`, lasts: `${f.lasts / 1000}s`, every: `${f.every / 1000}s` })) }],
  };
  const configFile = path.join(dir, "agent.yaml");
  writeFileSync(configFile, `# Written by the portal in demo mode; run by npm start. Demo traffic, not measurements.\n${stringify(config)}`, { mode: 0o600 });
  return { configFile, flows: flowIds.length };
}

/** The flows the (unrevoked) demo connector agent reports on: their figures are synthetic and labelled so. */
export async function demoTrafficFlowIds(ctx: Ctx): Promise<Set<string>> {
  requirePermission(ctx, "health.read");
  const agent = await db().agent.findUnique({ where: { name: DEMO_AGENT_NAME }, select: { flowIds: true, revokedAt: true } });
  return new Set(agent && !agent.revokedAt ? agent.flowIds : []);
}
