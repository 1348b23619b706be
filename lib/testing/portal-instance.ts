// For lib/health/scale-out.test.ts: a second portal instance in a process of its own on DATABASE_URL, doing one
// instance's share of the background work without building the app, so the test can kill it or watch what another
// instance sees. INSTANCE_ROLE:
//   consume   consume telemetry from NATS (NATS_URL, the config in INSTANCE_NATS_CONFIG) until killed
//   evaluate  relay health events over LISTEN/NOTIFY, run one SLA evaluation at INSTANCE_NOW, then exit
// Prints one JSON line when ready or done.
import { systemCtx } from "@/lib/auth/require";
import { closeDatabase } from "@/lib/db/client";
import { evaluateHealth } from "@/lib/health/evaluate";
import { startEventRelay } from "@/lib/health/event-relay";
import { startNatsConsumer } from "@/lib/health/nats";
import { logger } from "@/lib/log";

logger.level = "warn";
const say = (line: object) => process.stdout.write(JSON.stringify(line) + "\n");

async function main() {
  const role = process.env.INSTANCE_ROLE;
  if (role === "consume") {
    await startNatsConsumer(process.env.NATS_URL!, JSON.parse(process.env.INSTANCE_NATS_CONFIG!));
    say({ ready: true });
    return; // consumes until killed
  }
  if (role === "evaluate") {
    const stopRelay = await startEventRelay(process.env.DATABASE_URL!);
    const result = await evaluateHealth(systemCtx("instance-a"), new Date(process.env.INSTANCE_NOW!));
    // NOTIFY is sent without waiting for it; give it a moment before the connection closes.
    await new Promise((r) => setTimeout(r, 500));
    await stopRelay();
    await closeDatabase();
    say({ done: true, result });
    return;
  }
  throw new Error(`INSTANCE_ROLE must be consume or evaluate, not ${role}`);
}

main().catch((error: unknown) => {
  say({ error: String(error) });
  process.exit(1);
});
