// Test support: looks for values that one JSON Schema accepts and the other rejects, the ground truth the
// diff's verdicts are checked against (corpus.test.ts, compat-property.test.ts). Values come from
// json-schema-faker (seeded, drawn from each side's schema) and from fast-check's arbitrary JSON; ajv,
// with formats, decides acceptance. A witness proves a difference; finding none proves nothing.
import Ajv, { type ValidateFunction } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { generateSync, type JsonSchema } from "json-schema-faker";

type Validator = (value: unknown) => boolean;

function compile(schema: unknown): Validator | undefined {
  const draft = typeof schema === "object" && schema !== null ? String((schema as Record<string, unknown>).$schema ?? "") : "";
  const Engine = draft.includes("2020-12") ? Ajv2020 : draft.includes("2019-09") ? Ajv2019 : Ajv;
  const ajv = new Engine({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema as object);
  } catch {
    return undefined; // a schema ajv cannot compile (an unresolvable $ref, an unknown draft) gives no ground truth
  }
  return (value) => {
    try {
      return validate(value) === true;
    } catch {
      return false;
    }
  };
}

/** Values drawn from the schema (json-schema-faker) and arbitrary JSON (fast-check). */
export function sampleValues(schema: unknown, count: number, seed: number): unknown[] {
  const values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    try {
      values.push(generateSync(schema as JsonSchema, { seed: seed + i, maxDepth: 4, optionalsProbability: i % 3 === 0 ? 1 : 0.5 }));
    } catch {
      // the generator gives up on some schemas (unsatisfiable, remote refs); fast-check values still run
    }
  }
  values.push(...fc.sample(fc.jsonValue({ maxDepth: 2 }), { numRuns: count, seed }));
  values.push(null, true, 0, 1.5, -1, "", "a", [], {}, [1], { a: 1 });
  return values;
}

/** Numbers so small or large that ajv's floating-point multipleOf misjudges them test the arithmetic, not the schemas. */
function representable(value: unknown): boolean {
  if (typeof value === "number") return value === 0 || (Math.abs(value) > 1e-9 && Math.abs(value) < 1e15);
  if (Array.isArray(value)) return value.every(representable);
  if (typeof value === "object" && value !== null) return Object.values(value).every(representable);
  return true;
}

export type Witnesses = {
  /** A value the old schema accepts and the new one rejects: the change narrows (breaks BACKWARD). */
  narrowing?: unknown;
  /** A value the new schema accepts and the old one rejects: the change widens (breaks FORWARD). */
  widening?: unknown;
  /** False when ajv cannot compile one side: no ground truth. */
  judged: boolean;
};

export function findWitnesses(oldSchema: unknown, newSchema: unknown, count = 20, seed = 1): Witnesses {
  const accepts = { old: compile(oldSchema), new: compile(newSchema) };
  if (!accepts.old || !accepts.new) return { judged: false };
  const out: Witnesses = { judged: true };
  for (const v of [...sampleValues(oldSchema, count, seed), ...sampleValues(newSchema, count, seed + 10_000)]) {
    if (!representable(v)) continue;
    const a = accepts.old(v);
    const b = accepts.new(v);
    if (a && !b && out.narrowing === undefined) out.narrowing = v;
    if (b && !a && out.widening === undefined) out.widening = v;
    if (out.narrowing !== undefined && out.widening !== undefined) break;
  }
  return out;
}
