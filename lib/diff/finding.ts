// What a rule reports before the compatibility mode turns it into a level. A rule says, for each direction,
// whether the change breaks it: `backward` = the new version cannot handle what the old one produced or
// accepted (consumers on the old version break), `forward` = the old version cannot handle what the new one
// produces. "maybe" = it breaks some consumers, depending on how they use it (a WARN).
import type { Change, DiffLevel, Mode } from "./types";

export type Flag = boolean | "maybe";

export type Finding = {
  rule: string;
  /** Location part of the id ("GET /pets", a JSON pointer, a field path). */
  at: string;
  /** JSON pointer or dotted path shown to the reader. */
  path: string;
  message: string;
  backward: Flag;
  forward: Flag;
};

function worst(a: Flag, b: Flag): Flag {
  if (a === true || b === true) return true;
  return a === "maybe" || b === "maybe" ? "maybe" : false;
}

/** The flag that counts under a mode: BACKWARD* looks at backward, FORWARD* at forward, FULL* at both. */
export function flagUnder(finding: Finding, mode: Mode): Flag {
  if (mode.startsWith("BACKWARD")) return finding.backward;
  if (mode.startsWith("FORWARD")) return finding.forward;
  return worst(finding.backward, finding.forward);
}

/** NONE never blocks: what would break under some mode is a WARN, the rest INFO. */
export function levelUnder(finding: Finding, mode: Mode): DiffLevel {
  const flag = flagUnder(finding, mode);
  if (mode === "NONE") return flag === false ? "INFO" : "WARN";
  return flag === true ? "ERR" : flag === "maybe" ? "WARN" : "INFO";
}

export function toChange(finding: Finding, mode: Mode, breaksVersion?: string): Change {
  const level = levelUnder(finding, mode);
  return {
    id: `${finding.rule}:${finding.at}`,
    level,
    path: finding.path,
    message: finding.message,
    rule: finding.rule,
    ...(breaksVersion !== undefined && level !== "INFO" ? { breaksVersion } : {}),
  };
}

/** Collects findings; `both` and friends keep the rule modules short. */
export class Findings {
  readonly list: Finding[] = [];
  add(rule: string, path: string, message: string, backward: Flag, forward: Flag, at = path): void {
    this.list.push({ rule, at, path, message, backward, forward });
  }
}
