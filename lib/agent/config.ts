// agent.yaml: parsed with `yaml` (keeping positions), validated with zod, errors named by file, line and JSON pointer.
import { readFile } from "node:fs/promises";
import { isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { DemoConnectorConfig } from "./connectors/demo";

const MAX_CONFIG_BYTES = 1024 * 1024;

export class ConfigError extends Error {}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "500ms", "15s", "1m", "2h", or a bare number of seconds → milliseconds. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(value);
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * UNITS[match[2]]);
  return ms > 0 ? ms : undefined;
}

const duration = (min: number, max: number) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({ code: "custom", message: `Must be a duration such as "500ms", "15s", "1m" (got ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    if (ms < min || ms > max) {
      ctx.addIssue({ code: "custom", message: `Must be between ${min} ms and ${max} ms (got ${ms} ms)` });
      return z.NEVER;
    }
    return ms;
  });

const httpUrl = z.url({ protocol: /^https?$/, error: "Must be an http:// or https:// URL" });

const FlowHint = z.strictObject({
  producerSystem: z.string().min(1).max(200),
  interface: z.string().min(1).max(200),
  consumerSystem: z.string().min(1).max(200),
});

/**
 * A measured object and where its figures go: a catalog flow (flowId, the flow's UUID), or a flow the catalog
 * does not know yet (flow: what the agent sees; the portal records it as a discovered flow for an architect to
 * confirm). Both may be given: an id of the operator's choosing plus the hint.
 */
function targeted<S extends z.core.$ZodLooseShape>(shape: S) {
  return z
    .strictObject({ ...shape, flowId: z.string().trim().min(1).max(200).optional(), flow: FlowHint.optional() })
    .refine((t) => (t as { flowId?: string }).flowId !== undefined || (t as { flow?: unknown }).flow !== undefined, {
      message: "Name the flow: flowId (the catalog flow's id) or flow: { producerSystem, interface, consumerSystem } (a discovered flow)",
    });
}

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/, "Must be a plain SQL identifier, optionally schema-qualified (schema.table)");
const column = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, "Must be a plain SQL column name");
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "Letters, digits, '.', '_' and '-', up to 63 characters");

const NatsConsumer = targeted({ stream: z.string().min(1).max(255), consumer: z.string().min(1).max(255) });
const RabbitQueue = targeted({ queue: z.string().min(1).max(255), deadLetterQueue: z.string().min(1).max(255).optional() });
const HttpTarget = targeted({
  url: httpUrl,
  method: z.enum(["GET", "HEAD"]).default("GET"),
  expectStatus: z.array(z.number().int().min(100).max(599)).min(1).max(50).optional(),
  timeout: duration(50, 60_000).default(5000),
});
const Outbox = targeted({
  table: identifier,
  createdAtColumn: column.default("created_at"),
  publishedAtColumn: column.default("published_at"),
});

const natsServer = z.string().regex(/^(nats|tls):\/\/[^\s]+$|^[^\s/:]+:\d+$/, "Must be nats://host:port, tls://host:port or host:port");

const NatsConnector = z.strictObject({
  name,
  kind: z.literal("nats"),
  servers: z.array(natsServer).min(1).max(20),
  user: z.string().optional(),
  pass: z.string().optional(),
  tokenEnv: z.string().optional(),
  consumers: z.array(NatsConsumer).min(1).max(500),
});
const RabbitConnector = z.strictObject({
  name,
  kind: z.literal("rabbitmq"),
  url: z.string().regex(/^amqps?:\/\/\S+$/, "Must be amqp:// or amqps:// URL"),
  managementUrl: httpUrl.optional(),
  // The vhost's firehose is on (`rabbitmqctl trace_on -p <vhost>`): deliveries are counted exactly from its events.
  firehose: z.boolean().optional(),
  queues: z.array(RabbitQueue).min(1).max(500),
});
const HttpConnector = z.strictObject({
  name,
  kind: z.literal("http"),
  probeEvery: duration(100, 3_600_000).default(5000),
  targets: z.array(HttpTarget).min(1).max(100),
});
const PostgresOutboxConnector = z.strictObject({
  name,
  kind: z.literal("postgres-outbox"),
  connectionString: z.string().regex(/^postgres(ql)?:\/\/\S+$/, "Must be a postgresql:// connection string").optional(),
  connectionStringEnv: z.string().optional(),
  outboxes: z.array(Outbox).min(1).max(100),
});

export const ConnectorConfig = z.discriminatedUnion("kind", [NatsConnector, RabbitConnector, HttpConnector, PostgresOutboxConnector, DemoConnectorConfig]);
export type ConnectorConfig = z.infer<typeof ConnectorConfig>;
export type NatsConnectorConfig = z.infer<typeof NatsConnector>;
export type RabbitConnectorConfig = z.infer<typeof RabbitConnector>;
export type HttpConnectorConfig = z.infer<typeof HttpConnector>;
export type PostgresOutboxConnectorConfig = z.infer<typeof PostgresOutboxConnector>;
export type FlowHint = z.infer<typeof FlowHint>;
export type FlowRef = { flowId: string; flow?: FlowHint };

export const AgentConfig = z
  .strictObject({
    portal: z.strictObject({
      url: httpUrl,
      token: z.string().startsWith("ica_", "Agent tokens start with ica_").optional(),
      tokenFile: z.string().min(1).optional(),
      tokenEnv: z.string().min(1).default("INTERCHANGE_AGENT_TOKEN"),
      timeout: duration(100, 120_000).default(10_000),
      /** Send telemetry through NATS JetStream (the portal's scale-out path) instead of HTTP; heartbeats stay on HTTP. */
      nats: z
        .strictObject({
          servers: z.array(natsServer).min(1).max(20),
          subject: z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "Must be a NATS subject without wildcards").optional(),
          user: z.string().optional(),
          pass: z.string().optional(),
        })
        .optional(),
    }),
    interval: duration(1000, 3_600_000)
      .default(15_000)
      .refine((ms) => 60_000 % ms === 0 || ms % 60_000 === 0, "Must divide a minute (1s, 5s, 15s, 30s, ...) or be whole minutes, so windows never straddle the portal's per-minute roll-ups"),
    heartbeatInterval: duration(1000, 3_600_000).default(30_000),
    bufferDir: z.string().min(1).default("./.agent-buffer"),
    bufferMaxBytes: z.number().int().min(1024).default(100 * 1024 * 1024),
    connectors: z.array(ConnectorConfig).min(1).max(100),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.connectors.forEach((connector, index) => {
      const first = seen.get(connector.name);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["connectors", index, "name"], message: `Duplicate connector name (also /connectors/${first}/name)` });
      else seen.set(connector.name, index);
    });
  });
export type AgentConfig = z.infer<typeof AgentConfig>;

function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("") || "/";
}

type Env = Record<string, string | undefined>;
type Issue = { path: (string | number)[]; message: string };

/** `${NAME}` in any string value is replaced by the environment variable NAME (keeps secrets out of the file). */
function substituteEnv(value: unknown, env: Env, path: (string | number)[], issues: Issue[]): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) issues.push({ path, message: `The environment variable ${name} is not set` });
      return found ?? "";
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, [...path, i], issues));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, [...path, k], issues)]));
  }
  return value;
}

/**
 * Parses and validates agent.yaml text, with `${VAR}` taken from `env`; every problem is reported as
 * `file:line:col /pointer: message`.
 */
export function parseAgentConfig(text: string, file = "agent.yaml", env: Env = process.env): AgentConfig {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw new ConfigError(`${file}: larger than ${MAX_CONFIG_BYTES} bytes`);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors
        .map((e) => {
          const pos = e.linePos?.[0];
          return `${file}${pos ? `:${pos.line}:${pos.col}` : ""}: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`;
        })
        .join("\n"),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
  const issues: Issue[] = [];
  data = substituteEnv(data, env, [], issues);
  if (issues.length === 0) {
    const result = AgentConfig.safeParse(data);
    if (result.success) return result.data;
    issues.push(...result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })));
  }
  const lines = issues.map((issue) => {
    // Point at the deepest node that exists: a missing key is reported at its parent.
    let location = "";
    for (let depth = issue.path.length; depth >= 0; depth--) {
      const node = doc.getIn(issue.path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        location = `:${pos.line}:${pos.col}`;
        break;
      }
    }
    return `${file}${location} ${pointer(issue.path)}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid agent configuration:\n  ${lines.join("\n  ")}`);
}

export async function loadAgentConfig(file: string): Promise<AgentConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  return parseAgentConfig(text, file);
}

/** The portal token: `token` in the file, else the file named by `tokenFile`, else the environment variable `tokenEnv`. */
export async function resolveAgentToken(portal: AgentConfig["portal"], env: Record<string, string | undefined> = process.env): Promise<string> {
  let token = portal.token;
  if (!token && portal.tokenFile) {
    token = (await readFile(portal.tokenFile, "utf8").catch((error: Error) => {
      throw new ConfigError(`Cannot read portal.tokenFile ${portal.tokenFile}: ${error.message}`);
    })).trim();
  }
  token ||= env[portal.tokenEnv]?.trim();
  if (!token) throw new ConfigError(`No agent token: set portal.token, portal.tokenFile, or the environment variable ${portal.tokenEnv}`);
  if (!token.startsWith("ica_")) throw new ConfigError("The agent token must start with ica_ (create one under Health → Agents, or POST /api/v1/agents)");
  return token;
}

/** The flow an item reports on: the configured id, or for a discovered flow an id derived from the hint. */
export function flowRef(target: { flowId?: string; flow?: FlowHint }): FlowRef {
  if (target.flowId) return target.flow ? { flowId: target.flowId, flow: target.flow } : { flowId: target.flowId };
  if (target.flow) return { flowId: `discovered:${target.flow.producerSystem}/${target.flow.interface}/${target.flow.consumerSystem}`.slice(0, 200), flow: target.flow };
  throw new Error("a validated target names flowId or flow");
}

