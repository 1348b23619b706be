import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, flowRef, parseAgentConfig, parseDuration, resolveAgentToken } from "./config";

const FLOW = "3f1c0e4e-8b1a-4c55-9a55-2c2f1f0c1a11";
const valid = `portal:
  url: https://interchange.example.com
  tokenFile: /etc/interchange/agent-token
interval: 15s
connectors:
  - name: orders-js
    kind: nats
    servers: [nats://127.0.0.1:4222]
    consumers:
      - { stream: ORDERS, consumer: billing, flowId: ${FLOW} }
  - name: payments-mq
    kind: rabbitmq
    url: amqp://guest:guest@127.0.0.1:5672
    queues:
      - queue: payments.settle
        deadLetterQueue: payments.settle.dlq
        flow: { producerSystem: payments-core, interface: settlement-events, consumerSystem: ledger }
`;

function errorOf(text: string): string {
  try {
    parseAgentConfig(text, "agent.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("agent configuration", () => {
  it("reads a valid file with defaults filled in", () => {
    const config = parseAgentConfig(valid);
    expect(config.interval).toBe(15_000);
    expect(config.heartbeatInterval).toBe(30_000);
    expect(config.portal.tokenEnv).toBe("INTERCHANGE_AGENT_TOKEN");
    expect(config.connectors.map((c) => c.kind)).toEqual(["nats", "rabbitmq"]);
  });

  it.each([
    ["interval: 7s", "agent.yaml:4:11 /interval: Must divide a minute"],
    ["interval: soon", 'agent.yaml:4:11 /interval: Must be a duration such as "500ms", "15s", "1m" (got "soon")'],
    ["interval: 15s\nbogus: 1", 'agent.yaml:1:1 /: Unrecognized key: "bogus"'],
  ])("names line and pointer for %s", (replacement, message) => {
    expect(errorOf(valid.replace("interval: 15s", replacement))).toContain(message);
  });

  it("reports every problem at once, each where it is", () => {
    const text = valid
      .replace("kind: rabbitmq", "kind: kafka")
      .replace("url: https://interchange.example.com", "url: ftp://interchange.example.com")
      .replace("consumer: billing, ", "");
    const message = errorOf(text);
    expect(message).toContain("agent.yaml:2:8 /portal/url: Must be an http:// or https:// URL");
    expect(message).toMatch(/agent\.yaml:10:9 \/connectors\/0\/consumers\/0\/consumer: Invalid input/);
    expect(message).toMatch(/agent\.yaml:12:11 \/connectors\/1\/kind: Invalid discriminator value/);
  });

  it("asks for a flow on every measured object", () => {
    expect(errorOf(valid.replace(`, flowId: ${FLOW} `, " "))).toContain("/connectors/0/consumers/0: Name the flow: flowId");
  });

  it("refuses duplicate connector names", () => {
    expect(errorOf(valid.replace("name: payments-mq", "name: orders-js"))).toContain("agent.yaml:11:11 /connectors/1/name: Duplicate connector name (also /connectors/0/name)");
  });

  it("reports YAML syntax errors with their line", () => {
    expect(errorOf("portal: [\n  url: x")).toMatch(/^agent\.yaml:2:\d+: /);
  });

  it("refuses alias bombs", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    expect(errorOf(bomb)).toMatch(/alias|Excessive/i);
  });

  it("takes ${VAR} from the environment, and names a variable that is not set", () => {
    const text = valid.replace("amqp://guest:guest@127.0.0.1:5672", "amqp://agent:${RABBIT_PASSWORD}@127.0.0.1:5672");
    const config = parseAgentConfig(text, "agent.yaml", { RABBIT_PASSWORD: "s3cret" });
    expect(config.connectors[1]).toMatchObject({ url: "amqp://agent:s3cret@127.0.0.1:5672" });
    expect(() => parseAgentConfig(text, "agent.yaml", {})).toThrow("agent.yaml:13:10 /connectors/1/url: The environment variable RABBIT_PASSWORD is not set");
  });

  it("parses durations", () => {
    expect([parseDuration("500ms"), parseDuration("15s"), parseDuration("1.5m"), parseDuration("2h"), parseDuration(30)]).toEqual([500, 15_000, 90_000, 7_200_000, 30_000]);
    expect([parseDuration("15"), parseDuration("-1s"), parseDuration("0s"), parseDuration("1d")]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("gives a discovered flow a stable id derived from its hint", () => {
    const hint = { producerSystem: "payments-core", interface: "settlement-events", consumerSystem: "ledger" };
    expect(flowRef({ flow: hint })).toEqual({ flowId: "discovered:payments-core/settlement-events/ledger", flow: hint });
    expect(flowRef({ flowId: FLOW })).toEqual({ flowId: FLOW });
  });
});

describe("agent token", () => {
  const portal = { url: "http://localhost:3000", tokenEnv: "AGENT_TOKEN_TEST", timeout: 1000 };

  it("comes from the file, then the token file, then the environment", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "agent-token-"));
    const file = path.join(dir, "token");
    await writeFile(file, "ica_fromfile\n");
    expect(await resolveAgentToken({ ...portal, token: "ica_inline", tokenFile: file }, {})).toBe("ica_inline");
    expect(await resolveAgentToken({ ...portal, tokenFile: file }, {})).toBe("ica_fromfile");
    expect(await resolveAgentToken(portal, { AGENT_TOKEN_TEST: "ica_env" })).toBe("ica_env");
    await rm(dir, { recursive: true, force: true });
  });

  it("is required and must be an agent token", async () => {
    await expect(resolveAgentToken(portal, {})).rejects.toThrow("No agent token: set portal.token, portal.tokenFile, or the environment variable AGENT_TOKEN_TEST");
    await expect(resolveAgentToken(portal, { AGENT_TOKEN_TEST: "ic_usertoken" })).rejects.toThrow("must start with ica_");
    await expect(resolveAgentToken({ ...portal, tokenFile: "/nonexistent/token" }, {})).rejects.toThrow("Cannot read portal.tokenFile /nonexistent/token");
  });
});
