export const DEMO_PASSWORD = "interchange-demo";

export const ROLES = {
  admin: "admin@interchange.local",
  architect: "architect@interchange.local",
  compliance: "compliance@interchange.local",
  producer: "producer@interchange.local",
  consumer: "consumer@interchange.local",
} as const;
export type RoleName = keyof typeof ROLES;

/** Sign-ins only some specs need: a member of a second team consuming Payments (Digital Channels), for contract reviews. */
export const EXTRA_ROLES = {
  consumer2: "consumer2@interchange.local",
} as const;
export type AnyRole = RoleName | keyof typeof EXTRA_ROLES;

export const storageState = (role: AnyRole) => `e2e/.auth/${role}.json`;

/** When the server under test first answered (written by auth.setup.ts). */
export const READY_AT_FILE = "e2e/.auth/server-ready.json";
