import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { storageState } from "../roles";

type Flow = { id: string; name: string };

/** Two flows nothing has reported for yet (other specs may have sent telemetry for some). */
async function twoFlows(request: APIRequestContext): Promise<[Flow, Flow]> {
  const response = await request.get("/api/v1/flows?limit=50");
  expect(response.ok()).toBe(true);
  const { items } = (await response.json()) as { items: Flow[] };
  const quiet: Flow[] = [];
  for (const flow of items) {
    const health = await (await request.get(`/api/v1/flows/${flow.id}/health`)).json();
    if (health.status === "NO_DATA") quiet.push(flow);
    if (quiet.length === 2) return [quiet[0], quiet[1]];
  }
  throw new Error("the demo estate has fewer than two flows without telemetry");
}

async function registerAgent(request: APIRequestContext, flowIds: string[]): Promise<string> {
  const response = await request.post("/api/v1/agents", { data: { name: `e2e-${randomUUID().slice(0, 8)}`, flowIds } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** Five per-minute measurements ending now, as an agent sends them. */
function measurements(flowId: string, extra: Record<string, unknown>) {
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  return Array.from({ length: 5 }, (_, i) => {
    const start = minute - (4 - i) * 60_000;
    return { flowId, windowStart: new Date(start).toISOString(), windowEnd: new Date(start + 60_000).toISOString(), delivered: 120, failed: 0, latencyMs: { p50: 8, p95: 40, p99: 90 }, ...extra };
  });
}

test.describe("health", () => {
  test.use({ storageState: storageState("admin") });

  test("the board says honestly that nothing reports, then updates live when an agent's telemetry arrives", async ({ page }) => {
    const [healthy] = await twoFlows(page.request);
    await page.goto("/health");
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    // Other flows' statuses move with the clock (earlier specs' telemetry ages), so follow this flow's own tile.
    const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: healthy.name, exact: true }) }).first();
    await expect(row).toHaveAttribute("data-status", "NO_DATA");

    const token = await registerAgent(page.request, [healthy.id]);
    const response = await page.request.post("/api/v1/telemetry", {
      headers: { authorization: `Bearer ${token}` },
      data: { batchId: randomUUID(), measurements: measurements(healthy.id, { lagSeconds: 2 }) },
    });
    expect(response.ok(), await response.text()).toBe(true);
    expect((await response.json()).accepted).toHaveLength(5);

    // No reload: the server-sent event makes the board refetch once the evaluation has run.
    await expect(row).toHaveAttribute("data-status", "OK", { timeout: 20_000 });
    await expect(page.getByTestId("count-OK").locator("strong")).not.toHaveText("0");
  });

  test("a breach shows as an open incident on the board and on the flow's page with its chart", async ({ page }) => {
    const [breaching] = await twoFlows(page.request);
    await page.goto("/health");
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    const token = await registerAgent(page.request, [breaching.id]);
    const response = await page.request.post("/api/v1/telemetry", {
      headers: { authorization: `Bearer ${token}` },
      data: { batchId: randomUUID(), measurements: measurements(breaching.id, { lagSeconds: 5000 }) },
    });
    expect(response.ok(), await response.text()).toBe(true);

    const incident = page.getByRole("listitem", { name: `${breaching.name}: SLA breached` });
    await expect(incident).toBeVisible({ timeout: 20_000 });
    await expect(incident.getByText(/lag 5000 s is over the SLA/)).toBeVisible();
    await incident.getByRole("link", { name: `${breaching.name}: SLA breached` }).click();

    await expect(page.getByRole("heading", { level: 1, name: breaching.name })).toBeVisible();
    await expect(page.getByTestId("flow-status")).toHaveText("Breached");
    const lagChart = page.getByRole("img", { name: /^Lag: lag latest 1.4 h; SLA freshness 15 min; 1 marked period/ });
    await expect(lagChart).toBeVisible();
    await expect(page.getByRole("listitem", { name: `${breaching.name}: SLA breached` }).getByText("opened", { exact: false }).first()).toBeVisible();
  });
});
