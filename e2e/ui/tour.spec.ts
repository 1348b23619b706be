import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState, type RoleName } from "../roles";

// The README's opening tour: each screenshot is taken here, from the demo a fresh `npm start` serves, so the
// pictures stay true to the product. Runs after demo-live.spec.ts (alphabetical), when the demo traffic has had
// time to show its faults.

const DIR = "docs/tour";
mkdirSync(DIR, { recursive: true });

async function as(browser: Browser, role: RoleName): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState(role), viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

async function shoot(page: Page, name: string) {
  await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => undefined);
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

test.describe("README tour", () => {
  test.setTimeout(180_000);

  test("architect: catalog, lineage and the live health board", async ({ browser }) => {
    const page = await as(browser, "architect");
    await page.goto("/catalog");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await shoot(page, "architect-catalog");
    await page.goto("/lineage");
    await expect(page.locator(".react-flow__node").first()).toBeVisible({ timeout: 30_000 });
    await shoot(page, "architect-lineage");
    await page.goto("/health");
    await expect(page.getByTestId("count-BREACHED").locator("strong")).not.toHaveText("0", { timeout: 120_000 });
    await shoot(page, "architect-health");
    await page.locator('[data-status="BREACHED"]').first().getByRole("link").first().click();
    await expect(page.getByRole("region", { name: "Charts" }).getByRole("img").first()).toBeVisible();
    await shoot(page, "architect-flow-health");
  });

  test("producer and consumer: a contract in review and the consumer's inbox", async ({ browser }) => {
    const consumer = await as(browser, "consumer");
    await consumer.goto("/contracts/inbox");
    await expect(consumer.getByRole("table", { name: "Reviews waiting for you" }).getByRole("link").first()).toBeVisible();
    await shoot(consumer, "consumer-inbox");
    await consumer.getByRole("table", { name: "Reviews waiting for you" }).getByRole("link").first().click();
    await expect(consumer.getByLabel("Contract status")).toContainText("In review");
    await shoot(consumer, "consumer-review");
  });

  test("compliance: the dashboard and the exports", async ({ browser }) => {
    const page = await as(browser, "compliance");
    await page.goto("/compliance");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await shoot(page, "compliance-dashboard");
    await page.goto("/compliance/exports");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await shoot(page, "compliance-exports");
  });
});
