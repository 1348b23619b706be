import { expect, test } from "@playwright/test";
import { storageState } from "../roles";

// A member (consumer@) lacks the admin, audit, user and compliance rights; these pages refuse with HTTP 403.
const REFUSED = [
  "/admin",
  "/admin/users",
  "/admin/audit",
  "/compliance",
  "/compliance/policies",
  "/compliance/systems",
  "/compliance/exports",
  "/compliance/suggestions",
  "/compliance/records/entities",
];
// Pages every member may open still answer 200.
const ALLOWED = ["/", "/catalog", "/lineage", "/health", "/health/agents", "/contracts", "/catalog/import"];

test.describe("a member without the right", () => {
  test.use({ storageState: storageState("consumer") });

  test("gets HTTP 403 and the forbidden page inside the portal's menu", async ({ page }) => {
    for (const path of REFUSED) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    }
  });

  test("still gets HTTP 200 for the pages the role may open", async ({ page }) => {
    for (const path of ALLOWED) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByText("403 · Forbidden")).toHaveCount(0);
    }
  });
});

test.describe("an architect", () => {
  test.use({ storageState: storageState("architect") });

  test("is refused the admin area with 403 but opens the audit trail and compliance with 200", async ({ page }) => {
    expect((await page.goto("/admin"))?.status()).toBe(403);
    expect((await page.goto("/admin/audit"))?.status()).toBe(200);
    expect((await page.goto("/compliance"))?.status()).toBe(200);
  });
});
