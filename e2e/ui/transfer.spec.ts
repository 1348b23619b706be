import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState, type AnyRole } from "../roles";

// A member of Order Management (consumer@) gives one of the team's interfaces to Payments Platform: it becomes a
// request that the receiving team's lead (producer@) declines, then accepts; an admin accepts it back, so the demo
// estate ends as it began.

async function as(browser: Browser, role: AnyRole): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState(role) });
  return context.newPage();
}

type Team = { id: string; slug: string; name: string };
type Item = { id: string; name: string; ownerTeam: { id: string } | null };

async function askTransfer(page: Page, interfaceId: string, to: Team, note: string) {
  await page.goto(`/catalog/interfaces/${interfaceId}`);
  await page.getByRole("button", { name: "Edit metadata" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit metadata" });
  await dialog.getByLabel("Owner team").selectOption(to.id);
  await dialog.getByLabel("Note to the receiving team").fill(note);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
}

test("a transfer of ownership waits for the receiving team's lead, who declines or accepts it", async ({ browser }) => {
  const consumer = await as(browser, "consumer");
  const teams: Team[] = (await (await consumer.request.get("/api/v1/teams")).json()).items;
  const orders = teams.find((t) => t.slug === "order-management")!;
  const payments = teams.find((t) => t.slug === "payments-platform")!;
  const owned: Item[] = (await (await consumer.request.get(`/api/v1/interfaces?ownerTeam=${orders.id}&limit=100`)).json()).items;
  const item = owned.at(-1)!;
  const owner = () => consumer.locator("dt", { hasText: /^Owner$/ }).locator("xpath=following-sibling::dd[1]");

  await askTransfer(consumer, item.id, payments, "Payments runs this now");
  const banner = consumer.getByRole("region", { name: "Ownership transfer" });
  await expect(banner).toContainText(`asked ${payments.name} to take over ${item.name}`);
  await expect(banner).toContainText(`Waiting for a lead of ${payments.name}`);
  await expect(banner.getByRole("button", { name: "Accept transfer" })).toHaveCount(0);
  await expect(owner()).toHaveText(orders.name);

  const lead = await as(browser, "producer");
  await lead.goto(`/catalog/interfaces/${item.id}`);
  const leadBanner = lead.getByRole("region", { name: "Ownership transfer" });
  await expect(leadBanner).toContainText("“Payments runs this now”");
  await leadBanner.getByRole("button", { name: "Decline transfer" }).click();
  await expect(leadBanner).toBeHidden();

  await askTransfer(consumer, item.id, payments, "Second try");
  await lead.reload();
  await lead.getByRole("region", { name: "Ownership transfer" }).getByRole("button", { name: "Accept transfer" }).click();
  await expect(lead.getByRole("region", { name: "Ownership transfer" })).toBeHidden();
  await consumer.reload();
  await expect(owner()).toHaveText(payments.name);
  await expect(consumer.getByRole("button", { name: "Edit metadata" })).toHaveCount(0);

  // Back to Order Management, whose lead cannot sign in here: an admin accepts for the team.
  await askTransfer(lead, item.id, orders, "Returning it");
  const admin = await as(browser, "admin");
  await admin.goto(`/catalog/interfaces/${item.id}`);
  await admin.getByRole("region", { name: "Ownership transfer" }).getByRole("button", { name: "Accept transfer" }).click();
  await expect(admin.getByRole("region", { name: "Ownership transfer" })).toBeHidden();
  await consumer.reload();
  await expect(owner()).toHaveText(orders.name);

  const audit = await (await admin.request.get(`/api/v1/audit?entityId=${item.id}&action=interface.&limit=100`)).json();
  expect(audit.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["interface.transfer_request", "interface.transfer_decline", "interface.transfer_accept"]));
});
