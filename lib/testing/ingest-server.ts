// For lib/health/crash.test.ts: a plain node:http server doing what POST /api/v1/telemetry does (agent token
// authentication, JSON and zod parsing, ingestTelemetry) on DATABASE_URL, in a process the test can kill mid-ingest
// without building the app. (The route module itself pulls in next-auth and Next's navigation, which only load
// inside Next.)
import http from "node:http";
import { authenticateAgent } from "@/lib/agents/data";
import { ingestTelemetry } from "@/lib/health/ingest";
import { TelemetryBatchInput } from "@/lib/health/schemas";
import { logger } from "@/lib/log";

logger.level = "warn";
const port = Number(process.env.PORT ?? 0);

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const agent = await authenticateAgent(token);
    const parsed = TelemetryBatchInput.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    if (!parsed.success) {
      res.writeHead(422, { "content-type": "application/json" }).end(JSON.stringify({ errors: parsed.error.issues.slice(0, 5) }));
      return;
    }
    const result = await ingestTelemetry({ actor: null, via: "agent", requestId: "bench", agent }, parsed.data);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
  } catch (error) {
    res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error) }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(JSON.stringify({ ready: true, port: typeof address === "object" && address ? address.port : port }) + "\n");
});
