import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState, type AnyRole } from "../roles";

// One story across five people, each in their own signed-in browser context: the producer proposes a breaking
// change to the Payments API, both consuming teams see it in their inbox, Order Management rejects it, the
// producer revises it into a compatible change, every consumer and compliance approve, and it activates.

async function as(browser: Browser, role: AnyRole): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState(role) });
  return context.newPage();
}

const CANCEL_PATH = "/payments/{paymentId}/cancel";

async function openPaymentsContract(page: Page) {
  await page.goto("/contracts?q=Payments%20API");
  await page.getByRole("table", { name: "Contract versions" }).getByRole("link", { name: "Payments API", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Payments API \d+\.\d+\.\d+$/ })).toBeVisible();
}

async function proposeFromPage(page: Page, version: string, edit: (spec: Record<string, Record<string, unknown>>) => void, note: string) {
  await page.getByRole("link", { name: "Propose new version" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Propose Payments API" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Version" })).toHaveValue(version);
  const schema = page.getByRole("textbox", { name: "Schema" });
  const spec = JSON.parse(await schema.inputValue());
  edit(spec);
  await schema.fill(JSON.stringify(spec, null, 2));
  await page.getByLabel("Change note").fill(note);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Payments API ${version}` })).toBeVisible();
  await expect(page.getByLabel("Contract status")).toContainText("In review");
  return page.url();
}

async function decideFromInbox(page: Page, version: string, button: "Approve" | "Reject", comment?: string) {
  await page.goto("/contracts/inbox");
  const pending = page.getByRole("table", { name: "Reviews waiting for you" });
  await pending.getByRole("link", { name: `Payments API ${version}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Payments API ${version}` })).toBeVisible();
  const group = page.getByRole("group", { name: /Your decision for/ });
  if (comment) await group.getByLabel("Comment").fill(comment);
  await group.getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByRole("group", { name: /Your decision for/ })).toHaveCount(0);
}

test.describe.serial("contract approval", () => {
  let original: Record<string, Record<string, unknown>>;
  let breakingUrl = "";
  let revisedUrl = "";

  test("a producer proposes a breaking version and both consuming teams and compliance are asked", async ({ browser }) => {
    const page = await as(browser, "producer");
    await openPaymentsContract(page);
    await expect(page.getByLabel("Contract status")).toContainText("Active");
    original = JSON.parse((await page.getByLabel("Schema text").textContent()) ?? "{}");
    expect(original.paths[CANCEL_PATH]).toBeTruthy();

    breakingUrl = await proposeFromPage(page, "1.1.0", (spec) => delete spec.paths[CANCEL_PATH], "Cancellation moves to the order saga.");
    const changes = page.getByRole("list", { name: "Schema changes" });
    await expect(changes.getByRole("listitem").filter({ hasText: "ERR" }).first()).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /^[1-9]\d* breaking/ })).toBeVisible();
    // Every team whose flows consume the API, and compliance because payments carry personal data.
    for (const approver of ["Digital Channels", "Order Management", "Compliance"]) {
      await expect(page.getByRole("row", { name: `Approval by ${approver}` })).toContainText("Pending");
    }
    await expect(page.getByLabel("Contract status")).toContainText("compliance review required");
    // The producer cannot approve their own change: no decision controls for them.
    await expect(page.getByRole("group", { name: /Your decision for/ })).toHaveCount(0);
  });

  test("each consuming team sees it in its inbox; Order Management rejects it with a comment", async ({ browser }) => {
    const channels = await as(browser, "consumer2");
    await channels.goto("/contracts/inbox");
    await expect(channels.getByRole("table", { name: "Reviews waiting for you" }).getByRole("link", { name: "Payments API 1.1.0" })).toBeVisible();

    const orders = await as(browser, "consumer");
    await orders.goto("/contracts/inbox");
    await expect(orders.getByRole("table", { name: "Reviews waiting for you" }).getByRole("link", { name: "Payments API 1.1.0" })).toBeVisible();
    await decideFromInbox(orders, "1.1.0", "Reject", "Checkout still cancels payments through this endpoint.");
    await expect(orders.getByLabel("Contract status")).toContainText("Rejected");
    await expect(orders.getByRole("row", { name: "Approval by Order Management" })).toContainText("Checkout still cancels payments through this endpoint.");
    await expect(orders.getByRole("list", { name: "Discussion" })).toContainText("Rejected: Checkout still cancels payments");

    // Once rejected, it leaves the other team's inbox.
    await channels.reload();
    await expect(channels.getByRole("table", { name: "Reviews waiting for you" }).getByRole("link", { name: "Payments API 1.1.0" })).toHaveCount(0);

    // The producer is told, in the bell.
    const producer = await as(browser, "producer");
    await producer.goto("/contracts");
    await producer.getByRole("button", { name: /^Notifications/ }).click();
    await expect(producer.getByRole("menuitem", { name: /rejected Payments API 1\.1\.0/ })).toBeVisible();
  });

  test("the producer revises it into a compatible version, everyone approves, and it activates", async ({ browser }) => {
    const producer = await as(browser, "producer");
    await producer.goto(breakingUrl);
    revisedUrl = await proposeFromPage(
      producer,
      "1.2.0",
      (spec) => {
        spec.paths = { ...original.paths, "/payments/{paymentId}/receipt": { get: { operationId: "getPaymentReceipt", summary: "Receipt for a payment", parameters: [{ name: "paymentId", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "The receipt" } } } } };
      },
      "Keeps cancel; adds a receipt endpoint.",
    );
    await expect(producer.getByRole("status").filter({ hasText: /^0 breaking/ })).toBeVisible();

    await decideFromInbox(await as(browser, "consumer"), "1.2.0", "Approve");
    await decideFromInbox(await as(browser, "consumer2"), "1.2.0", "Approve");
    const compliance = await as(browser, "compliance");
    await decideFromInbox(compliance, "1.2.0", "Approve");
    await expect(compliance.getByLabel("Contract status")).toContainText("Approved");

    await producer.goto(revisedUrl);
    await expect(producer.getByRole("alert", { name: "Activation blockers" })).toHaveCount(0);
    await producer.getByRole("button", { name: "Activate" }).click();
    await expect(producer.getByLabel("Contract status")).toContainText("Active");

    // The audit history names every step of both proposals, with who took it (by name: members see no e-mails).
    const audit = producer.getByRole("table", { name: "Audit history" });
    const steps: [string, string, string][] = [
      ["1.1.0", "Proposed", "Marco Rossi"],
      ["1.1.0", "Submitted for review", "Marco Rossi"],
      ["1.1.0", "Rejected", "Elif Kaya"],
      ["1.2.0", "Proposed", "Marco Rossi"],
      ["1.2.0", "Submitted for review", "Marco Rossi"],
      ["1.2.0", "Approved", "Elif Kaya"],
      ["1.2.0", "Approved", "Jonas Berg"],
      ["1.2.0", "Approved", "Sophie Laurent"],
      ["1.2.0", "Activated", "Marco Rossi"],
    ];
    for (const [version, step, who] of steps) {
      await expect(audit.getByRole("row").filter({ hasText: version }).filter({ hasText: step }).filter({ hasText: who }).first()).toBeVisible();
    }
  });

  test("compliance is asked only when the data is personal, restricted or crosses a border", async ({ browser }) => {
    const producer = await as(browser, "producer");
    await producer.goto("/contracts/new");
    await producer.getByLabel("Interface").selectOption({ label: "Stripe Reporting API (no contract yet)" });
    await producer.getByRole("button", { name: "Continue" }).click();
    await expect(producer.getByRole("heading", { level: 1, name: "Propose Stripe Reporting API" })).toBeVisible();
    // Settlement reports carry no personal data: the form starts unticked, and INTERNAL is not restricted.
    await expect(producer.getByLabel("Carries personal data")).not.toBeChecked();
    await producer.getByLabel("Classification").selectOption("INTERNAL");
    await producer.getByRole("button", { name: "Submit for review" }).click();
    await expect(producer.getByRole("heading", { level: 1, name: "Stripe Reporting API 1.0.0" })).toBeVisible();
    await expect(producer.getByRole("row", { name: "Approval by Finance Systems" })).toBeVisible();
    await expect(producer.getByRole("row", { name: "Approval by Compliance" })).toHaveCount(0);
    await expect(producer.getByLabel("Contract status")).not.toContainText("compliance review required");

    const compliance = await as(browser, "compliance");
    await compliance.goto("/contracts/inbox");
    await expect(compliance.getByRole("table", { name: "Reviews waiting for you" }).getByRole("link", { name: "Stripe Reporting API 1.0.0" })).toHaveCount(0);

    // The same kind of proposal marked RESTRICTED goes to compliance.
    await producer.goto("/contracts/new");
    await producer.getByLabel("Interface").selectOption({ label: "Stored Payment Methods API (no contract yet)" });
    await producer.getByRole("button", { name: "Continue" }).click();
    await producer.getByLabel("Carries personal data").uncheck();
    await producer.getByLabel("Classification").selectOption("RESTRICTED");
    await producer.getByRole("button", { name: "Submit for review" }).click();
    await expect(producer.getByRole("heading", { level: 1, name: "Stored Payment Methods API 1.0.0" })).toBeVisible();
    await expect(producer.getByRole("row", { name: "Approval by Compliance" })).toContainText("Pending");
    await compliance.reload();
    await expect(compliance.getByRole("table", { name: "Reviews waiting for you" }).getByRole("link", { name: "Stored Payment Methods API 1.0.0" })).toBeVisible();
  });
});
