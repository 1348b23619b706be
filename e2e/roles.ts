export const DEMO_PASSWORD = "interchange-demo";

export const ROLES = {
  admin: "admin@interchange.local",
  architect: "architect@interchange.local",
  compliance: "compliance@interchange.local",
  producer: "producer@interchange.local",
  consumer: "consumer@interchange.local",
} as const;
export type RoleName = keyof typeof ROLES;

export const storageState = (role: RoleName) => `e2e/.auth/${role}.json`;
