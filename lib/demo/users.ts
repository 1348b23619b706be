import type { Prisma } from "@/lib/db/generated/client";
import { Role, TeamRole } from "@/lib/db/generated/enums";
import accounts from "./accounts.json";

// accounts.json is the single source for the demo sign-ins: scripts/start.mjs (plain Node, no TypeScript)
// prints them from the same file. Web Crypto rather than node:crypto because the sign-in page imports this module.

type Account = { email: string; name: string; role: Role; team?: string; teamRole?: TeamRole };

function parseAccount(raw: { email: string; name: string; role: string; team?: string; teamRole?: string }): Account {
  const role = Object.values(Role).find((r) => r === raw.role);
  const teamRole = raw.teamRole === undefined ? undefined : Object.values(TeamRole).find((r) => r === raw.teamRole);
  if (!role || (raw.teamRole !== undefined && !teamRole)) throw new Error(`lib/demo/accounts.json: bad role for ${raw.email}`);
  return { email: raw.email, name: raw.name, role, team: raw.team, teamRole };
}

const DEMO_ACCOUNTS: readonly Account[] = accounts.accounts.map(parseAccount);

export const DEMO_PASSWORD: string = accounts.password;

/** The demo sign-ins, shown on the sign-in page and by `npm start`. */
export const DEMO_USERS: readonly { email: string; role: Role; name: string }[] = DEMO_ACCOUNTS.map(({ email, role, name }) => ({ email, role, name }));

type Person = { name: string; team: string; teamRole: TeamRole };

// Colleagues who would sign in through the company's OIDC provider, so they have no password.
const COLLEAGUES: Person[] = [
  { name: "Katarzyna Nowak", team: "payments-platform", teamRole: "MEMBER" },
  { name: "Pieter de Vries", team: "order-management", teamRole: "LEAD" },
  { name: "Laura García", team: "customer-360", teamRole: "LEAD" },
  { name: "Tomáš Horák", team: "core-banking", teamRole: "LEAD" },
  { name: "Mikael Lindqvist", team: "data-platform", teamRole: "LEAD" },
  { name: "Chiara Bianchi", team: "marketing-tech", teamRole: "LEAD" },
  { name: "Aoife Byrne", team: "people-systems", teamRole: "LEAD" },
  { name: "Nikos Papadopoulos", team: "fulfilment-logistics", teamRole: "LEAD" },
  { name: "Camille Dubois", team: "finance-systems", teamRole: "LEAD" },
  { name: "Sven Müller", team: "risk-compliance", teamRole: "LEAD" },
  { name: "Priya Raman", team: "identity-access", teamRole: "LEAD" },
  { name: "Matteo Conti", team: "platform-engineering", teamRole: "LEAD" },
];

export function colleagueEmail(name: string): string {
  const folded = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return `${folded.replace(/[^a-z]+/g, ".").replace(/^\.|\.$/g, "")}@interchange.local`;
}

export type DemoPeople = { users: Prisma.UserCreateManyInput[]; memberships: Prisma.MembershipCreateManyInput[] };

/** Users and team memberships; `passwordHash` is computed once by the caller because argon2 is slow. */
export function buildDemoPeople(teamIds: ReadonlyMap<string, string>, passwordHash: string, now: Date = new Date()): DemoPeople {
  const users: Prisma.UserCreateManyInput[] = [];
  const memberships: Prisma.MembershipCreateManyInput[] = [];
  const teamId = (slug: string) => {
    const id = teamIds.get(slug);
    if (!id) throw new Error(`demo users: unknown team "${slug}"`);
    return id;
  };
  for (const account of DEMO_ACCOUNTS) {
    const id = crypto.randomUUID();
    users.push({ id, email: account.email, name: account.name, role: account.role, passwordHash, createdAt: now, updatedAt: now });
    if (account.team) memberships.push({ userId: id, teamId: teamId(account.team), role: account.teamRole ?? "MEMBER", createdAt: now });
  }
  for (const person of COLLEAGUES) {
    const id = crypto.randomUUID();
    users.push({ id, email: colleagueEmail(person.name), name: person.name, role: "MEMBER", passwordHash: null, createdAt: now, updatedAt: now });
    memberships.push({ userId: id, teamId: teamId(person.team), role: person.teamRole, createdAt: now });
  }
  return { users, memberships };
}
