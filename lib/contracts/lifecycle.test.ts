import { describe, expect, it } from "vitest";
import { allowedEvents, isTerminal, transition, type LifecycleEvent } from "./lifecycle";
import { CONTRACT_STATUSES, type ContractStatus } from "./schemas";

const future = new Date(Date.now() + 86_400_000);

describe("contract lifecycle", () => {
  it.each<[ContractStatus, LifecycleEvent, ContractStatus]>([
    ["DRAFT", "submit", "IN_REVIEW"],
    ["IN_REVIEW", "request_changes", "DRAFT"],
    ["IN_REVIEW", "reject", "REJECTED"],
    ["IN_REVIEW", "approve", "APPROVED"],
    ["APPROVED", "activate", "ACTIVE"],
    ["APPROVED", "reject", "REJECTED"],
    ["ACTIVE", "deprecate", "DEPRECATED"],
    ["DEPRECATED", "retire", "RETIRED"],
  ])("%s --%s--> %s", (from, event, to) => {
    expect(transition(from, event, { sunsetDate: future })).toEqual({ ok: true, to });
  });

  it("refuses every other move, naming what the status allows", () => {
    const allowed = new Set(["DRAFT:submit", "IN_REVIEW:request_changes", "IN_REVIEW:reject", "IN_REVIEW:approve", "APPROVED:activate", "APPROVED:reject", "ACTIVE:deprecate", "DEPRECATED:retire"]);
    const events: LifecycleEvent[] = ["submit", "request_changes", "reject", "approve", "activate", "deprecate", "retire"];
    for (const from of CONTRACT_STATUSES) {
      for (const event of events) {
        if (allowed.has(`${from}:${event}`)) continue;
        const result = transition(from, event, { sunsetDate: future });
        expect(result.ok, `${from} ${event}`).toBe(false);
      }
    }
    expect(transition("DRAFT", "activate")).toEqual({ ok: false, reason: "A draft version cannot activate (it can: submit)" });
    expect(transition("REJECTED", "submit")).toEqual({ ok: false, reason: "A rejected version cannot submit (rejected is final)" });
  });

  it("deprecates only with a sunset date in the future", () => {
    expect(transition("ACTIVE", "deprecate")).toEqual({ ok: false, reason: "Deprecating needs a sunset date" });
    expect(transition("ACTIVE", "deprecate", { sunsetDate: new Date("2020-01-01"), now: new Date("2026-01-01") })).toEqual({ ok: false, reason: "The sunset date must lie in the future" });
  });

  it("knows the final statuses", () => {
    expect(CONTRACT_STATUSES.filter(isTerminal)).toEqual(["RETIRED", "REJECTED"]);
    expect(allowedEvents("IN_REVIEW")).toEqual(["request_changes", "reject", "approve"]);
  });
});
