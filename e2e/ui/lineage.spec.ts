import { expect, test, type Page } from "@playwright/test";
import { storageState } from "../roles";

const canvas = (page: Page) => page.getByRole("application", { name: /Lineage map/ });
const nodeCount = async (page: Page) => Number((await page.getByRole("status").filter({ hasText: /nodes/ }).textContent())?.match(/^([\d,]+) nodes/)?.[1].replace(",", ""));

test.describe("lineage map", () => {
  test.use({ storageState: storageState("architect") });

  test("an architect filters by domain, collapses it, focuses a system, reads its downstream impact and opens an affected interface", async ({ page }) => {
    await page.goto("/lineage");
    await expect(page.getByRole("heading", { level: 1, name: "Lineage" })).toBeVisible();
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await expect(page.getByRole("status").filter({ hasText: /nodes/ })).toContainText("edges");
    const whole = await nodeCount(page);
    await expect(canvas(page).getByRole("img", { name: /Minimap/ })).toBeVisible();
    await expect(canvas(page).getByRole("button", { name: "Fit View", exact: true })).toBeVisible();

    // Filter by domain: the map narrows to Payments' systems and their direct partners, and the URL says so.
    await page.getByRole("button", { name: "Domain", exact: true }).click();
    await page.getByRole("menuitemcheckbox", { name: "Payments", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/[?&]domain=[0-9a-f-]{36}/);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await expect.poll(() => nodeCount(page)).toBeLessThan(whole);
    await expect(canvas(page).getByRole("button", { name: /^System Payment Gateway/ })).toHaveCount(1);

    // Collapse the domain: its systems fold into one node that counts them.
    await page.getByRole("button", { name: "Collapse domains" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Payments", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/[?&]cd=/);
    await expect(canvas(page).getByRole("button", { name: /^Domain Payments, \d+ systems, \d+ interfaces, collapsed/ })).toHaveCount(1);
    await expect(canvas(page).getByRole("button", { name: /^System Payment Gateway/ })).toHaveCount(0);

    // The whole view is in the URL: a reload shows the same collapsed, filtered map.
    await page.reload();
    await expect(canvas(page).getByRole("button", { name: /^Domain Payments/ })).toHaveCount(1);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("button", { name: "Collapse domains" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Payments", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page).not.toHaveURL(/[?&](cd|domain)=/);

    // Search to focus: pick the system, then focus on it and read what a change there would affect downstream.
    await page.getByRole("searchbox", { name: "Find a node" }).fill("Payment Gateway");
    await page.getByRole("list", { name: "Matching nodes" }).getByRole("button", { name: "System Payment Gateway", exact: true }).click();
    const details = page.getByRole("region", { name: "Selected node" });
    await expect(details).toContainText("Payment Gateway");
    // Health is the worst SLA status of its interfaces, "no data" until the health feature has measured them.
    await expect(details.locator("dt:text-is('Health') + dd")).toHaveText(/^(ok|at risk|breached|no data)$/);
    await details.getByRole("button", { name: "Focus here" }).click();
    await expect(page).toHaveURL(/[?&]focus=[0-9a-f-]{36}/);
    await page.getByRole("combobox", { name: "Direction" }).selectOption("down");
    await expect(page).toHaveURL(/[?&]dir=down/);
    const impact = page.getByRole("region", { name: "Downstream impact" });
    const consumers = impact.getByRole("list", { name: "Consumer systems" });
    await expect(consumers.getByRole("link").first()).toBeVisible();
    await expect(impact.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", /format=csv/);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    await expect(canvas(page).getByRole("button", { name: /^System Payment Gateway/ })).toHaveCount(1);

    // Follow an affected interface to its catalog page.
    const affected = impact.getByRole("list", { name: "Affected interfaces" }).getByRole("link").first();
    const name = (await affected.textContent())!.trim();
    await affected.click();
    await expect(page).toHaveURL(/\/catalog\/interfaces\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });
});
