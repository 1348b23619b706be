import { describe, expect, it } from "vitest";
import { activeHref, navigationFor, type Role } from "./nav";

const labels = (role: Role) => navigationFor(role).flatMap((section) => section.items.map((item) => item.label));
const estate = ["Overview", "Catalog", "Lineage", "Contracts", "Review inbox", "Health", "Agents", "Governance", "Compliance", "Violations", "Records", "Exports"];
const complianceOnly = ["Compliance", "Violations", "Records", "Exports"];

describe("navigationFor", () => {
  it.each<[Role, string[]]>([
    ["ADMIN", [...estate, "Admin", "Users", "Teams", "Audit trail", "API reference"]],
    ["ARCHITECT", [...estate, "Audit trail", "API reference"]],
    ["COMPLIANCE", [...estate, "Audit trail", "API reference"]],
    // The compliance dashboard is for compliance readers only.
    ["MEMBER", [...estate.filter((label) => !complianceOnly.includes(label)), "API reference"]],
  ])("shows %s the links for that role", (role, expected) => {
    expect(labels(role)).toEqual(expected);
  });

  it("drops the Administration section when none of its links are visible", () => {
    expect(navigationFor("MEMBER").map((section) => section.id)).toEqual(["estate", "developers"]);
  });
});

describe("activeHref", () => {
  const hrefs = ["/", "/catalog", "/admin", "/admin/users", "/api-docs"];
  it.each<[string, string | null]>([
    ["/", "/"],
    ["/catalog", "/catalog"],
    ["/catalog/", "/catalog"],
    ["/catalog/orders-api/versions", "/catalog"],
    ["/catalogue", null],
    ["/admin", "/admin"],
    ["/admin/users", "/admin/users"],
    ["/admin/users/42", "/admin/users"],
    ["/admin/agents", "/admin"],
    ["/account/tokens", null],
  ])("marks %s as %s", (pathname, expected) => {
    expect(activeHref(pathname, hrefs)).toBe(expected);
  });
});
