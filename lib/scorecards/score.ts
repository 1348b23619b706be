// How a scorecard is scored. Pure: facts in, scores out. Each part is 0-100, or null when there is nothing to
// judge (a version never linted, flows without health data); the score is the mean of the parts that are known.

export const PARTS = ["rules", "contracts", "health", "violations"] as const;
export type Part = (typeof PARTS)[number];
export type Parts = Record<Part, number | null>;

export type InterfaceFacts = {
  id: string;
  name: string;
  system: { id: string; name: string };
  team: { id: string; name: string } | null;
  domain: { id: string; name: string } | null;
  /** Counts of the latest version's governance run; null when it was never linted. */
  lint: { errors: number; warnings: number } | null;
  governedByContract: boolean;
  /** Health of each flow with data (NO_DATA left out). */
  flowHealth: ("OK" | "AT_RISK" | "BREACHED")[];
  openViolations: number;
};

export type Gap = { part: Part; value: number; detail: string };
export type Scorecard = { score: number | null; parts: Parts; interfaces: number; gaps: Gap[] };

const HEALTH_VALUE = { OK: 100, AT_RISK: 50, BREACHED: 0 } as const;
const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

export function interfaceParts(f: InterfaceFacts): Parts {
  return {
    // An error costs a fifth, a warning a fiftieth: errors are what the domain said must not ship.
    rules: f.lint ? clamp(100 - 20 * f.lint.errors - 2 * f.lint.warnings) : null,
    contracts: f.governedByContract ? 100 : 0,
    health: f.flowHealth.length ? clamp(f.flowHealth.reduce((sum, s) => sum + HEALTH_VALUE[s], 0) / f.flowHealth.length) : null,
    violations: clamp(100 - 25 * f.openViolations),
  };
}

const mean = (values: readonly (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? clamp(known.reduce((a, b) => a + b, 0) / known.length) : null;
};

function gapsOf(members: readonly InterfaceFacts[], parts: Parts): Gap[] {
  const count = (test: (f: InterfaceFacts) => boolean) => members.filter(test).length;
  const details: Record<Part, () => string> = {
    rules: () => {
      const errors = members.reduce((sum, f) => sum + (f.lint?.errors ?? 0), 0);
      const warnings = members.reduce((sum, f) => sum + (f.lint?.warnings ?? 0), 0);
      return `${errors} rule error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
    },
    contracts: () => `${count((f) => !f.governedByContract)} of ${members.length} interfaces without an approved contract`,
    health: () => `${count((f) => f.flowHealth.some((s) => s !== "OK"))} interfaces with flows at risk or breached`,
    violations: () => `${members.reduce((sum, f) => sum + f.openViolations, 0)} open policy violations`,
  };
  return PARTS.filter((p) => parts[p] !== null && parts[p]! < 100)
    .map((part) => ({ part, value: parts[part]!, detail: details[part]() }))
    .sort((a, b) => a.value - b.value);
}

/** The scorecard of a group of interfaces (one interface, a system, a team, a domain). */
export function scorecardOf(members: readonly InterfaceFacts[]): Scorecard {
  const each = members.map(interfaceParts);
  const parts = Object.fromEntries(PARTS.map((p) => [p, mean(each.map((e) => e[p]))])) as Parts;
  return { score: mean(each.map((e) => mean(PARTS.map((p) => e[p])))), parts, interfaces: members.length, gaps: gapsOf(members, parts) };
}
