import pino from "pino";

// JSON lines on stdout; no transports (they spawn workers that bundlers and `next start` handle poorly).
const holder = globalThis as typeof globalThis & { __interchangeLogger?: pino.Logger };

export const logger: pino.Logger = (holder.__interchangeLogger ??= pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "interchange" },
  redact: { paths: ["password", "token", "*.password", "*.token", "req.headers.authorization", "req.headers.cookie"], censor: "[redacted]" },
}));
