import { cpus, loadavg } from "node:os";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState } from "../roles";

// The API reference: every operation is listed as soon as the page arrives (server-rendered), the interactive
// reference replaces the list once Scalar has rendered the document, and the document is revalidated by ETag.
// Prints the times as JSON beside the 2 s target (no timed assertion: the machine's load decides the figure).

const TARGET_MS = 2_000;

/** Milliseconds from the navigation's start until `selector` is in the page (checked every frame). */
async function timeUntil(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction((s) => (document.querySelector(s) ? performance.now() : null), selector, { timeout: 60_000, polling: "raf" });
  return Math.round((await handle.jsonValue()) as number);
}

async function visit(browser: Browser, runs: number) {
  const context = await browser.newContext({ storageState: storageState("architect") });
  const page = await context.newPage();
  const figures: { list: number; interactive: number; catalogPeer: number }[] = [];
  for (let i = 0; i < runs; i += 1) {
    await page.goto("/api-docs", { waitUntil: "commit" });
    const list = await timeUntil(page, '[aria-label="Users and teams operations"], [data-third-party] .sidebar-heading-type');
    const interactive = await timeUntil(page, "[data-third-party] .sidebar-heading-type");
    // A peer measured in the same run: an ordinary server-rendered page under the same load.
    await page.goto("/catalog", { waitUntil: "commit" });
    const catalogPeer = await timeUntil(page, "main h1");
    figures.push({ list, interactive, catalogPeer });
  }
  await context.close();
  return figures;
}

test.describe("API reference", () => {
  test.use({ storageState: storageState("architect") });

  test("lists every operation at once, then the interactive reference takes its place", async ({ page }) => {
    await page.goto("/api-docs");
    const index = page.getByRole("list", { name: "Users and teams operations" });
    const scalar = page.locator("[data-third-party]");
    // Either the server-rendered list is still up, or Scalar has already replaced it: the operations show either way.
    await expect(index.or(scalar.getByText("Users and teams").first())).toBeVisible();
    await expect(scalar.getByText("Users and teams").first()).toBeVisible({ timeout: 60_000 });
    await expect(index).toHaveCount(0);
    await scalar.getByText("Users and teams").first().click();
    await expect(scalar.getByText("Create a user (admin)").first()).toBeVisible();
  });

  test("the server-rendered list names each operation with its method and path", async ({ page }) => {
    // Without JavaScript the list is what a reader gets: every group, with method, path and summary.
    const context = await page.context().browser()!.newContext({ storageState: storageState("architect"), javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto("/api-docs");
    const users = noJs.getByRole("list", { name: "Users and teams operations" });
    await expect(users.getByRole("listitem").filter({ hasText: "/api/v1/users" }).filter({ hasText: "Create a user (admin)" })).toContainText("POST");
    await expect(noJs.getByRole("heading", { name: /\d+ operations in \d+ groups/ })).toBeVisible();
    await context.close();
  });

  test("openapi.json is revalidated by its ETag", async ({ request }) => {
    const first = await request.get("/api/v1/openapi.json");
    expect(first.status()).toBe(200);
    const etag = first.headers()["etag"];
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request.get("/api/v1/openapi.json", { headers: { "if-none-match": etag } });
    expect(again.status()).toBe(304);
  });

  test("time until the operations are listed, against the 2 s target (printed as JSON)", async ({ browser }) => {
    test.setTimeout(240_000);
    const cold = await visit(browser, 1);
    const warm = await visit(browser, 3);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const figure = (ms: number) => ({ ms, targetMs: TARGET_MS, pass: ms < TARGET_MS });
    const report = {
      bench: "api-reference-open",
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      cpus: cpus().length,
      database: "embedded (PGlite), demo estate",
      coldOperationsListed: figure(cold[0].list),
      coldInteractiveReference: { ms: cold[0].interactive },
      warmOperationsListedMedian: figure(median(warm.map((w) => w.list))),
      warmInteractiveReferenceMedian: { ms: median(warm.map((w) => w.interactive)) },
      peerCatalogHeadingMedian: { ms: median([...cold, ...warm].map((w) => w.catalogPeer)) },
    };
    // The waits above fail the test when the operations never show; the figures themselves are only reported.
    console.log(JSON.stringify(report));
  });
});
