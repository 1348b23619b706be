import { expect, test } from "@playwright/test";
import { storageState } from "../roles";

test.describe("catalog", () => {
  test.use({ storageState: storageState("architect") });

  test("an architect searches, narrows by protocol, shares the URL and opens an interface's operations", async ({ page }) => {
    await page.goto("/catalog");
    await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Import specs" })).toHaveAttribute("href", "/catalog/import");

    await page.getByRole("searchbox", { name: "Search interfaces" }).fill("refund");
    await expect(page).toHaveURL(/[?&]q=refund/);
    const results = page.getByRole("table", { name: "Search results" });
    await expect(results.getByRole("link", { name: "Refunds API" })).toBeVisible();
    await expect(results.getByRole("link", { name: "refund.issued.v1" })).toBeVisible();

    await page.getByRole("group", { name: "Protocol" }).getByRole("checkbox", { name: /^HTTP/ }).check();
    await expect(page).toHaveURL(/protocol=HTTP/);
    await expect(results.getByRole("link", { name: "refund.issued.v1" })).toHaveCount(0);
    await expect(results.getByRole("link", { name: "Refunds API" })).toBeVisible();

    // The state lives in the URL: a reload (or a shared link) shows the same narrowed search.
    await page.reload();
    await expect(page.getByRole("searchbox", { name: "Search interfaces" })).toHaveValue("refund");
    await expect(page.getByRole("group", { name: "Protocol" }).getByRole("checkbox", { name: /^HTTP/ })).toBeChecked();
    await expect(results.getByRole("link", { name: "refund.issued.v1" })).toHaveCount(0);

    await results.getByRole("link", { name: "Refunds API" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Refunds API" })).toBeVisible();
    const operations = page.getByRole("table", { name: "Operations" });
    await expect(operations.getByRole("row", { name: /POST.*\/refunds/ }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit metadata" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Download spec/ }).first()).toBeVisible();
  });

  test("two quick filter clicks both count while the server is still answering the first", async ({ page }) => {
    await page.goto("/catalog");
    const protocol = page.getByRole("group", { name: "Protocol" });
    const [first, second] = [protocol.getByRole("checkbox").nth(0), protocol.getByRole("checkbox").nth(1)];
    const names = [await protocol.locator("label").nth(0).locator("span").first().textContent(), await protocol.locator("label").nth(1).locator("span").first().textContent()];
    // Each answer of the server takes a second and a half: the second click comes before the first has arrived.
    await page.route(/\/catalog\?/, async (route) => {
      if (route.request().headers()["rsc"]) await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await first.check();
    await second.check();
    await expect(page).toHaveURL(/[?&]protocol=[A-Z_]+%2C[A-Z_]+/);
    for (const name of names) await expect(protocol.getByRole("checkbox", { name: new RegExp(`^${name}`) })).toBeChecked();
  });

  test("an event interface shows its channels with send or receive", async ({ page }) => {
    await page.goto("/catalog?q=payment.authorised");
    await page.getByRole("table", { name: "Search results" }).getByRole("link", { name: "payment.authorised.v1" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "payment.authorised.v1" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Channels" }).getByRole("row").nth(1)).toBeVisible();
  });

  test("from an interface to a consumer's flow, its system and domain, and the estate's governance gaps", async ({ page }) => {
    await page.goto("/catalog?q=Payments%20API&protocol=HTTP");
    await page.getByRole("table", { name: "Search results" }).getByRole("link", { name: "Payments API", exact: true }).click();
    const consumer = page.getByRole("list", { name: "Consumers" }).getByRole("listitem").first();
    const flowName = (await consumer.getByRole("link").nth(1).textContent()) ?? "";
    await consumer.getByRole("link").nth(1).click();
    await expect(page.getByRole("heading", { level: 1, name: flowName })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Data protection" })).toBeVisible();

    await page.getByRole("definition").filter({ hasText: /./ }).getByRole("link").nth(1).click();
    await expect(page.getByRole("heading", { name: "Provides" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Provided interfaces" })).toBeVisible();
    const domainLink = page.getByRole("definition").getByRole("link").first();
    const domainName = (await domainLink.textContent()) ?? "";
    await domainLink.click();
    await expect(page.getByRole("heading", { level: 1, name: domainName })).toBeVisible();
    await expect(page.getByRole("table", { name: "Systems" })).toBeVisible();

    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Governance gaps" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Deprecated, still consumed" }).getByRole("link").first()).toBeVisible();
  });

  test("an architect deprecates an interface, which needs a sunset date, and the change shows at once", async ({ page }) => {
    await page.goto("/catalog?q=Stripe%20Reporting");
    await page.getByRole("table", { name: "Search results" }).getByRole("link", { name: "Stripe Reporting API" }).click();
    await page.getByRole("button", { name: "Edit metadata" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit metadata" });
    await dialog.getByLabel("Lifecycle").selectOption("DEPRECATED");
    await dialog.getByLabel("Sunset date").fill("");
    await dialog.getByRole("button", { name: "Save" }).click();
    // The field's error, not its description ("Required when deprecated."), which is shown all along.
    await expect(dialog.getByText("Required when deprecated", { exact: true })).toBeVisible();
    await dialog.getByLabel("Sunset date").fill("2031-06-30");
    await dialog.getByLabel("Tags").fill("reconciliation, vendor-api, sunsetting");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Deprecated · sunset 2031-06-30")).toBeVisible();
    await expect(page.getByText("#sunsetting")).toBeVisible();
  });
});
