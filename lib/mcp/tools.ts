import "server-only";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Ctx } from "@/lib/auth/can";
import { INTERFACE_KINDS, PROTOCOLS } from "@/lib/catalog/schemas";
import { getInterface } from "@/lib/catalog/interfaces";
import { resolveInterfaceRef } from "@/lib/catalog/interface-ref";
import { checkDeploy } from "@/lib/checks/data";
import { getFlowCompliance } from "@/lib/compliance/flows";
import { getContract } from "@/lib/contracts/data";
import { DIFF_FORMATS, MODES, diffDocuments, type DiffFormat, type Mode } from "@/lib/diff";
import { lintText } from "@/lib/governance/data";
import { listScorecards } from "@/lib/scorecards/data";
import { SCORE_SUBJECTS } from "@/lib/scorecards/schemas";
import { AppError } from "@/lib/api/errors";
import { describeAnswer, healthAnswer, impactAnswer, searchAnswer } from "./answers";
import { auditedCall } from "./audit";

const interfaceRef = z.string().min(1).max(300).describe("Interface id, slug or name, e.g. order.placed.v1");
const document = z.string().min(1).max(20 * 1024 * 1024).describe("Document text (YAML or JSON; .proto for Protobuf)");

type Shape = z.ZodRawShape;
type Tool<S extends Shape> = { title: string; description: string; input: S; run: (args: z.infer<z.ZodObject<S>>) => Promise<unknown> };

function toResult(outcome: Awaited<ReturnType<typeof auditedCall>>): CallToolResult {
  if (!outcome.ok) return { isError: true, content: [{ type: "text", text: `${outcome.code}: ${outcome.message}` }] };
  const value = outcome.value as Record<string, unknown>;
  return { content: [{ type: "text", text: JSON.stringify(value) }], structuredContent: value };
}

/** Registers the estate's tools, each answering as `ctx` through the same lib/ functions and checks as /api/v1. */
export function registerTools(server: McpServer, ctx: Ctx): void {
  const add = <S extends Shape>(name: string, tool: Tool<S>) =>
    server.registerTool(name, { title: tool.title, description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: name !== "can_i_deploy" } }, (async (args: z.infer<z.ZodObject<S>>) =>
      toResult(await auditedCall(ctx, "tool", name, args, () => tool.run(args)))) as never);

  add("search_catalog", {
    title: "Search the catalog",
    description: "Full-text search over APIs and events (names, descriptions, operations, channels, fields), with filters.",
    input: {
      q: z.string().max(200).optional().describe("Words to search for"),
      kind: z.enum(INTERFACE_KINDS).optional(),
      protocol: z.enum(PROTOCOLS).optional(),
      limit: z.number().int().min(1).max(100).default(20),
      cursor: z.string().max(500).optional().describe("nextCursor of the previous page"),
    },
    run: ({ q, kind, protocol, limit, cursor }) => searchAnswer(ctx, { q, kind: kind && [kind], protocol: protocol && [protocol], limit, cursor }),
  });

  add("describe_interface", {
    title: "Describe an interface",
    description: "Operations, channels and messages with their fields and classification, owner, governing contract with its SLA, and consumers.",
    input: { interface: interfaceRef },
    run: ({ interface: ref }) => describeAnswer(ctx, ref),
  });

  add("impact_of_change", {
    title: "What breaks if this interface changes",
    description: "Downstream consumers (as the impact API reports them), the teams to ask, contracts in the blast radius, and what feeds the interface upstream.",
    input: { interface: interfaceRef, depth: z.number().int().min(1).max(10).default(3).describe("Flows to follow") },
    run: ({ interface: ref, depth }) => impactAnswer(ctx, ref, depth),
  });

  add("flow_health", {
    title: "Flow health and open incidents",
    description: "SLA health of one flow, or of every flow consuming an interface, with open incidents and their suspected upstream causes. Without arguments: all open incidents.",
    input: { flowId: z.string().uuid().optional(), interface: interfaceRef.optional() },
    run: (input) => healthAnswer(ctx, input),
  });

  add("diff_documents", {
    title: "Diff two documents",
    description: "Breaking-change detection between two documents, or between a proposed document and an interface's active contract.",
    input: {
      next: document.describe("The proposed document"),
      previous: document.optional().describe("The previous document; omit and give `interface` to compare with its active contract"),
      interface: interfaceRef.optional(),
      format: z.enum(DIFF_FORMATS as [DiffFormat, ...DiffFormat[]]).optional(),
      mode: z.enum(MODES as [Mode, ...Mode[]]).optional().describe("Default: the contract's compatibility mode, else BACKWARD"),
    },
    run: async ({ next, previous, interface: ref, format, mode }) => {
      if (previous) return diffDocuments({ previous, next, format, mode });
      if (!ref) throw new AppError("VALIDATION", "Give `previous`, or `interface` to compare with its active contract");
      const detail = await getInterface(ctx, (await resolveInterfaceRef(ctx, ref)).id);
      const active = detail.contracts.find((c) => c.status === "ACTIVE");
      if (!active) throw new AppError("NOT_FOUND", `${detail.name} has no active contract to compare with`);
      const contract = await getContract(ctx, active.id);
      const result = diffDocuments({ previous: contract.schema, next, format, mode: mode ?? (contract.compatibilityMode as Mode) });
      return { contract: { id: contract.id, version: contract.version }, ...result };
    },
  });

  add("flow_compliance", {
    title: "Compliance facts of a flow",
    description: "Data categories, classification, countries, transfer tool, purpose, lawful basis, encryption, and the policy violations the caller may see.",
    input: { flowId: z.string().uuid() },
    run: ({ flowId }) => getFlowCompliance(ctx, flowId),
  });

  add("can_i_deploy", {
    title: "May this document ship?",
    description: "Checks a document against the interface's active contract, every version consumers subscribed to, and the governance rules. With openProposal, a breaking change opens the next major contract version for approval.",
    input: { interface: interfaceRef, document, fileName: z.string().max(1024).optional(), openProposal: z.boolean().default(false) },
    run: (input) => checkDeploy(ctx, input),
  });

  add("lint_document", {
    title: "Lint a document against the governance rules",
    description: "Runs the oas, asyncapi and portal rules (with the interface's domain settings when `interface` is given); each finding has rule, JSON pointer and line.",
    input: { document, fileName: z.string().max(1024).optional(), interface: interfaceRef.optional() },
    run: (input) => lintText(ctx, input),
  });

  add("scorecards", {
    title: "Governance scorecards",
    description: "Scores from rules, contract coverage, SLA health and open violations, worst first, with each subject's worst gaps.",
    input: { subject: z.enum(SCORE_SUBJECTS).default("TEAM"), domain: z.string().uuid().optional() },
    run: async (query) => ({ items: await listScorecards(ctx, query) }),
  });
}
