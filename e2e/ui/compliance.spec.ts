import { expect, test, type Page } from "@playwright/test";
import { storageState } from "../roles";

type FlowCompliance = { id: string; name: string; transferTool: string | null; dataCategories: string[]; violations: unknown[] };

/** A demo flow of the Customer Profile API that carries personal data inside the EEA and has no findings yet. */
async function cleanPersonalFlow(page: Page): Promise<FlowCompliance> {
  const search = await (await page.request.get("/api/v1/interfaces?q=Customer%20Profile%20API")).json();
  const api = search.items.find((i: { name: string }) => i.name === "Customer Profile API");
  expect(api, "the demo's Customer Profile API").toBeTruthy();
  const flows = await (await page.request.get(`/api/v1/flows?interface=${api.id}`)).json();
  for (const flow of flows.items as { id: string }[]) {
    const facts: FlowCompliance = await (await page.request.get(`/api/v1/compliance/flows/${flow.id}`)).json();
    if (facts.dataCategories.length > 0 && facts.violations.length === 0 && facts.transferTool === null) return facts;
  }
  throw new Error("no clean personal-data flow of the Customer Profile API in the demo");
}

test.describe("compliance", () => {
  test.use({ storageState: storageState("compliance") });

  test("an officer confirms suggestions in bulk", async ({ page }) => {
    await page.goto("/compliance");
    await expect(page.getByRole("heading", { level: 1, name: "Compliance" })).toBeVisible();
    await page.getByRole("link", { name: "Review suggestions" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Classification suggestions" })).toBeVisible();

    const rules = page.getByRole("navigation", { name: "Filter by rule" });
    const chip = await rules.getByRole("link", { name: /^email \(\d+\)$/ }).textContent();
    const before = Number(/\((\d+)\)/.exec(chip ?? "")?.[1]);
    expect(before).toBeGreaterThan(2);
    await rules.getByRole("link", { name: /^email \(/ }).click();
    await expect(page).toHaveURL(/rule=email/);
    const table = page.getByRole("table", { name: "Classification suggestions" });
    const rows = table.getByRole("row");
    // Row 0 is the header; take the first two suggestions.
    await expect(rows.nth(1)).toContainText('Rule "email" matched the words "email"');
    const first = (await rows.nth(1).getByRole("checkbox").getAttribute("aria-label"))!;
    await rows.nth(1).getByRole("checkbox").check();
    await rows.nth(2).getByRole("checkbox").check();
    await expect(page.getByText("2 selected")).toBeVisible();
    await page.getByRole("textbox", { name: "Note for the audit trail" }).fill("checked against the spec");
    await page.getByRole("button", { name: "Confirm selected" }).click();
    await expect(page.getByText(/Saved 2 decisions/)).toBeVisible();
    await expect(rules.getByRole("link", { name: `email (${before - 2})` })).toBeVisible();

    await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Confirmed" }).click();
    const confirmed = page.getByRole("table", { name: "Classification suggestions" });
    await expect(confirmed.getByText(first.replace(/^Select /, "").split(" of ")[0], { exact: true }).first()).toBeVisible();
  });

  test("a flow changed to send personal data to a non-adequate country shows a violation until a transfer tool is set", async ({ page }) => {
    const flow = await cleanPersonalFlow(page);
    await page.goto(`/compliance/flows/${flow.id}`);
    await expect(page.getByRole("heading", { level: 1, name: flow.name })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "No open violations." })).toBeVisible();

    await page.getByLabel("Destination country").fill("IN");
    await page.getByLabel("Transfer tool").selectOption("");
    await page.getByRole("button", { name: "Save compliance facts" }).click();
    const violations = page.getByRole("table", { name: "Violations of this flow" });
    await expect(violations.getByRole("row", { name: /Personal data is processed in India \(IN\), outside the EEA, without a transfer tool/ })).toBeVisible();

    await page.goto("/compliance/violations?policy=transfer-without-tool");
    await expect(page.getByRole("table", { name: "Open policy violations" }).getByRole("link", { name: flow.name })).toBeVisible();
    await page.getByRole("table", { name: "Open policy violations" }).getByRole("link", { name: flow.name }).click();

    await expect(page.getByRole("heading", { level: 1, name: flow.name })).toBeVisible();
    await page.getByLabel("Transfer tool").selectOption("SCC");
    await page.getByLabel("Transfer document").fill("DPA-2026-11");
    await page.getByRole("button", { name: "Save compliance facts" }).click();
    // SCCs without their module, signature date and transfer impact assessment do not count yet.
    await expect(violations.getByRole("row", { name: /SCCs must name the module/ })).toBeVisible();
    await page.getByLabel("SCC module").selectOption("MODULE_2");
    await page.getByLabel("Signed on").fill("2026-11-01");
    await page.getByLabel("Transfer impact assessment").fill("TIA-2026-11");
    await page.getByRole("button", { name: "Save compliance facts" }).click();
    await expect(page.getByRole("status").filter({ hasText: "No open violations." })).toBeVisible();
    await expect(page.getByRole("table", { name: "Violations of this flow" })).toHaveCount(0);

    await page.goto("/compliance/violations?policy=transfer-without-tool");
    await expect(page.getByRole("table", { name: "Open policy violations" }).getByRole("link", { name: flow.name })).toHaveCount(0);
  });
});
