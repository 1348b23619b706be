import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // "server-only" throws outside a React Server Components bundle; tests call lib/ directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
    pool: "forks",
    // Import tests compare the warnings an import answers with; on a loaded machine the governance rules could
    // pass the 2 s an answer waits for them and add a "still running" line (background.test.ts sets its own).
    env: { GOVERNANCE_IMPORT_WAIT_MS: "60000" },
  },
});
