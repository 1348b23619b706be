// Property: the diff's JSON Schema verdicts agree with the values the schemas accept. For a pair, values
// that the old schema accepts are generated (json-schema-faker, seeded by fast-check, plus arbitrary JSON)
// and ajv checks them against the new one: a value the old accepts and the new rejects must come with a
// BACKWARD break, the reverse with a FORWARD break, and "No changes" with neither. Run over the shared
// corpus (Apicurio's JSON Schema cases, and the component schemas of every oasdiff pair) and over random
// mutations of schemas taken from real OpenAPI documents.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { corporaDir, corpusPath } from "@/lib/testing/corpora";
import { diffDocuments } from "./index";
import { mutations, subschemaPointers, type Schema } from "./schema-mutations";
import { findWitnesses } from "./witness";

const SEED = Number(process.env.DIFF_PROPERTY_SEED ?? 20261207);

type Verdict = { backward: boolean; forward: boolean; none: boolean };

function verdict(old: unknown, next: unknown): Verdict {
  const run = (mode: "BACKWARD" | "FORWARD") => diffDocuments({ format: "JSON_SCHEMA", previous: JSON.stringify(old), next: JSON.stringify(next), mode });
  const backward = run("BACKWARD");
  return { backward: backward.breaking, forward: run("FORWARD").breaking, none: backward.changes.length === 0 };
}

/** What contradicts the verdict, or undefined: a witness the diff called compatible. */
function contradiction(old: unknown, next: unknown, seed: number): string | undefined {
  const v = verdict(old, next);
  if (v.backward && v.forward) return undefined;
  const w = findWitnesses(old, next, 15, seed);
  if (w.narrowing !== undefined && !v.backward) return `old accepts and new rejects ${JSON.stringify(w.narrowing)}, yet BACKWARD is compatible${v.none ? " (No changes)" : ""}`;
  if (w.widening !== undefined && !v.forward) return `new accepts and old rejects ${JSON.stringify(w.widening)}, yet FORWARD is compatible${v.none ? " (No changes)" : ""}`;
  return undefined;
}

const readDoc = (file: string) => parseYaml(readFileSync(file, "utf8")) as Record<string, unknown>;

/** Each component schema of an OpenAPI document as a standalone JSON Schema whose $refs still resolve. */
function componentSchemas(doc: Record<string, unknown>): Map<string, Schema> {
  const components = (doc.components ?? {}) as Record<string, unknown>;
  const schemas = (components.schemas ?? doc.definitions ?? {}) as Record<string, unknown>;
  const out = new Map<string, Schema>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (typeof schema !== "object" || schema === null) continue;
    out.set(name, { ...(schema as Schema), ...(doc.components ? { components: doc.components } : {}), ...(doc.definitions ? { definitions: doc.definitions } : {}) });
  }
  return out;
}

const FIXTURES = path.resolve(import.meta.dirname, "../catalog/import/fixtures");

function realSchemas(): Schema[] {
  const files = ["petstore.yaml", "swagger2.json", "recursive-3.1.yaml"].map((f) => path.join(FIXTURES, f));
  if (corporaDir) {
    const dir = corpusPath("diff", "openapi");
    for (const id of readdirSync(dir).filter((d) => /^\d+$/.test(d)).slice(0, 60)) {
      const base = readdirSync(path.join(dir, id)).find((f) => f.startsWith("base."));
      if (base) files.push(path.join(dir, id, base));
    }
  }
  const seen = new Set<string>();
  const schemas: Schema[] = [];
  for (const file of files) {
    for (const schema of componentSchemas(readDoc(file)).values()) {
      const key = JSON.stringify(schema);
      if (!seen.has(key)) schemas.push(schema);
      seen.add(key);
    }
  }
  return schemas;
}

describe("diff verdicts agree with the values the schemas accept", () => {
  it("on random mutations of schemas from real OpenAPI documents", () => {
    const schemas = realSchemas();
    expect(schemas.length).toBeGreaterThan(10);
    const mutated = fc
      .tuple(fc.constantFrom(...schemas), fc.nat(), fc.constantFrom(...mutations), fc.nat(1_000_000))
      .map(([schema, at, mutation, seed]) => {
        const pointers = subschemaPointers(schema);
        const pointer = pointers[at % pointers.length];
        return { old: schema, next: mutation.apply(schema, pointer, seed), what: `${mutation.name} at ${pointer || "/"}`, seed };
      })
      .filter(({ old, next }) => JSON.stringify(old) !== JSON.stringify(next));
    fc.assert(
      fc.property(mutated, ({ old, next, what, seed }) => {
        const found = contradiction(old, next, seed);
        if (found) throw new Error(`${what}: ${found}`);
      }),
      { numRuns: 120, seed: SEED },
    );
  }, 120_000);

  it.skipIf(!corporaDir)("on every JSON Schema case of the Apicurio corpus", () => {
    const dir = corporaDir ? corpusPath("diff", "registry", "apicurio-json") : "";
    const cases = corporaDir ? readdirSync(dir).filter((d) => /^\d+$/.test(d)) : [];
    expect(cases.length).toBe(145);
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.nat(1_000_000), (id, seed) => {
        const [v1, v2] = ["v1.json", "v2.json"].map((f) => JSON.parse(readFileSync(path.join(dir, id, f), "utf8")));
        const found = contradiction(v1, v2, seed);
        if (found) throw new Error(`apicurio-json/${id}: ${found}`);
      }),
      { numRuns: 150, seed: SEED },
    );
  }, 120_000);

  it.skipIf(!corporaDir)("on the component schemas each oasdiff pair changes", () => {
    const dir = corporaDir ? corpusPath("diff", "openapi") : "";
    const pairs: { id: string; name: string; old: Schema; next: Schema }[] = [];
    for (const id of corporaDir ? readdirSync(dir).filter((d) => /^\d+$/.test(d)) : []) {
      const files = readdirSync(path.join(dir, id));
      const [base, revision] = ["base.", "revision."].map((p) => componentSchemas(readDoc(path.join(dir, id, files.find((f) => f.startsWith(p))!))));
      for (const [name, old] of base) {
        const next = revision.get(name);
        if (next && JSON.stringify(old) !== JSON.stringify(next)) pairs.push({ id, name, old, next });
      }
    }
    expect(pairs.length).toBeGreaterThan(20);
    const wrong = pairs.flatMap(({ id, name, old, next }) => {
      const found = contradiction(old, next, SEED);
      return found ? [`${id} ${name}: ${found}`] : [];
    });
    expect(wrong).toEqual([]);
  }, 120_000);

  it("the search for witnesses does find one where a change narrows (the property can fail)", () => {
    const old = { type: "object", properties: { a: { type: "string" } } };
    const next = { ...old, required: ["a"] };
    expect(findWitnesses(old, next).narrowing).toBeDefined();
    expect(contradiction(old, next, 1)).toBeUndefined();
    // A verdict that wrongly called this compatible is what the property reports:
    expect(verdict(old, next).backward).toBe(true);
  });
});
