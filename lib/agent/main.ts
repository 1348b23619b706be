// `npm run agent -- --config agent.yaml`: the connector agent. Reads brokers, probes and outbox tables beside
// them and reports per-flow measurements to the portal (see README, "Connector agent").
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { logger } from "@/lib/log";
import { Agent } from "./agent";
import { ConfigError, loadAgentConfig, resolveAgentToken } from "./config";
import { httpTransport } from "./transport";
import { natsTelemetryTransport } from "./transport-nats";

const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const program = new Command()
  .name("interchange-agent")
  .description("Interchange connector agent: measures flows at brokers, APIs and outbox tables and reports them to the portal")
  .option("-c, --config <file>", "agent configuration (YAML)", "agent.yaml")
  .option("--check", "validate the configuration and exit")
  .option("--once", "collect one window after the next boundary, send everything buffered, and exit")
  .showHelpAfterError()
  .action(async (options: { config: string; check?: boolean; once?: boolean }) => {
    const config = await loadAgentConfig(options.config);
    if (options.check) {
      process.stdout.write(`${options.config}: OK (${config.connectors.length} connectors)\n`);
      return;
    }
    const token = await resolveAgentToken(config.portal);
    const http = httpTransport({ url: config.portal.url, token, timeoutMs: config.portal.timeout, userAgent: `interchange-agent/${version}` });
    const nats = config.portal.nats;
    const transport = nats ? natsTelemetryTransport({ ...nats, token, timeoutMs: config.portal.timeout }, http) : http;
    const agent = new Agent({ config, transport, version });
    if (options.once) {
      await agent.open();
      // Counters need a baseline: read now, then again at the end of the next window.
      await agent.tick();
      await new Promise((resolve) => setTimeout(resolve, config.interval - (Date.now() % config.interval) + 50));
      await agent.tick();
      await agent.heartbeat();
      const sent = await agent.flush();
      await agent.stop();
      process.stdout.write(`sent ${sent} batches\n`);
      return;
    }
    await agent.start();
    const shutdown = (signal: string) => {
      logger.info({ signal }, "stopping agent");
      void agent.stop().then(() => process.exit(0));
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? "" : "error: "}${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
