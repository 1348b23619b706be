import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

const id = "3f2b8c1e-8d7a-4a57-9a5e-0c1b2d3e4f50";

describe("search cursors", () => {
  it.each([
    { sort: "relevance", key: 0.123456789012345 },
    { sort: "name", key: "payments api" },
    { sort: "updated", key: "2026-11-21T21:00:00.123Z" },
    { sort: "consumers", key: 12 },
  ])("round-trips a $sort cursor exactly", (cursor) => {
    expect(decodeCursor(encodeCursor({ ...cursor, id }), cursor.sort)).toEqual({ ...cursor, id });
  });

  it.each([
    { what: "garbage", raw: "not-base64-json", sort: "name" },
    { what: "a cursor of another sort", raw: encodeCursor({ sort: "name", key: "a", id }), sort: "updated" },
    { what: "a bad id", raw: Buffer.from(JSON.stringify(["name", "a", "1; DROP TABLE interface"])).toString("base64url"), sort: "name" },
    { what: "a bad date", raw: encodeCursor({ sort: "updated", key: "yesterday", id }), sort: "updated" },
  ])("rejects $what as VALIDATION", ({ raw, sort }) => {
    expect(() => decodeCursor(raw, sort)).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });
});
