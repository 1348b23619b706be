import { defineConfig } from "prisma/config";

// Migrations are plain SQL applied at start by lib/db/migrate.ts; the URL is only for users who run
// `prisma migrate deploy` themselves against a real PostgreSQL.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/interchange" },
});
