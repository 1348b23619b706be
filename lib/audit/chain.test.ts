import { describe, expect, it } from "vitest";
import { canonicalJson, findBrokenLink, GENESIS_HASH, hashEvent, type ChainedFields } from "./chain";

function chain(n: number) {
  const events: (ChainedFields & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields: ChainedFields = {
      seq: BigInt(i),
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: null,
      actorEmail: "admin@interchange.local",
      action: "user.update",
      entityType: "user",
      entityId: `u${i}`,
      before: { role: "MEMBER" },
      after: { role: "ARCHITECT", nested: { b: 1, a: [1, 2] } },
      requestId: `r${i}`,
      prevHash,
    };
    const hash = hashEvent(fields);
    events.push({ ...fields, hash });
    prevHash = hash;
  }
  return events;
}

describe("audit hash chain", () => {
  it("hashes objects independently of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it("accepts an untouched chain", () => {
    expect(findBrokenLink(chain(5))).toBeNull();
  });

  it("names an edited event", () => {
    const events = chain(5);
    events[2] = { ...events[2], after: { role: "ADMIN" } };
    expect(findBrokenLink(events)).toEqual({ seq: "3", reason: expect.stringContaining("edited") });
  });

  it("names the event after a removed one", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(findBrokenLink(events)).toEqual({ seq: "3", reason: expect.stringContaining("removed") });
  });

  it("notices a rewritten actor or timestamp", () => {
    const events = chain(3);
    expect(findBrokenLink(events.map((e, i) => (i === 0 ? { ...e, actorEmail: "someone@else" } : e)))?.seq).toBe("1");
    expect(findBrokenLink(events.map((e, i) => (i === 1 ? { ...e, at: new Date(0) } : e)))?.seq).toBe("2");
  });
});
