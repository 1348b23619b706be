import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded by Node at run time, not bundled: WASM (PGlite), native bindings (argon2) and worker-based logging.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pino", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
