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

  test("the map answers the keyboard, labels an edge on hover, traces a field and exports the view as SVG and PNG", async ({ page }) => {
    // An interface whose flows map fields (the demo derives mappings from matching field paths).
    const { items } = (await (await page.request.get("/api/v1/interfaces?limit=100")).json()) as { items: { id: string; name: string }[] };
    let traced: { id: string; name: string; field: string } | null = null;
    for (const item of items) {
      const trace = (await (await page.request.get(`/api/v1/lineage/fields?interface=${item.id}`)).json()) as { fields: string[] };
      if (trace.fields.length) {
        traced = { ...item, field: trace.fields[0] };
        break;
      }
    }
    expect(traced, "the demo estate has an interface with mapped fields").not.toBeNull();

    await page.goto(`/lineage?sel=${traced!.id}`);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");
    const details = page.getByRole("region", { name: "Selected node" });
    await expect(details).toContainText(traced!.name);

    // Field lineage: picking a field lights up the nodes it travels through and says where it goes.
    const fields = page.getByRole("region", { name: "Field lineage" });
    await fields.getByRole("button", { name: traced!.field, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("field")).toBe(traced!.field);
    await expect(fields.getByRole("list", { name: `Where ${traced!.field} travels` }).getByRole("listitem").first()).toBeVisible();
    // "0" fits the whole map in view, so every node the field reaches is drawn.
    await canvas(page).focus();
    await page.keyboard.press("0");
    await expect.poll(() => canvas(page).locator('[data-highlighted="true"]').count()).toBeGreaterThan(1);
    await expect.poll(() => canvas(page).locator('g[data-lit="true"]').count()).toBeGreaterThan(0);
    await fields.getByRole("button", { name: traced!.field, exact: true }).click();
    await expect(page).not.toHaveURL(/[?&]field=/);

    // Hovering a flow edge labels it with its style, protocol and flow count; clicking it selects the system it
    // delivers to. Found at an edge's middle (a bezier's middle is its bounding box's centre) where the pointer
    // reaches a flow edge; retried, since the view may still move to a refined layout.
    await expect(async () => {
      await canvas(page).focus();
      await page.keyboard.press("0");
      const point = await page.evaluate(() => {
        for (const path of document.querySelectorAll("g[data-edge-style]:not([data-edge-style=provides]) .react-flow__edge-interaction")) {
          const box = path.getBoundingClientRect();
          const x = box.x + box.width / 2;
          const y = box.y + box.height / 2;
          const hit = document.elementFromPoint(x, y)?.closest("g[data-edge-style]");
          if (hit && hit.getAttribute("data-edge-style") !== "provides") return { x, y };
        }
        return null;
      });
      expect(point, "a flow edge is in view").not.toBeNull();
      await page.mouse.move(point!.x, point!.y);
      await expect(canvas(page).getByRole("tooltip")).toContainText(/\d+ flows?/, { timeout: 2000 });
      await page.mouse.move(0, 0);
      await expect(canvas(page).getByRole("tooltip")).toHaveCount(0, { timeout: 2000 });
      await page.mouse.click(point!.x, point!.y);
      await expect(page.getByRole("region", { name: "Selected node" }).getByRole("heading", { name: "System" })).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });

    // Keyboard: arrow keys move the selection from node to node, Enter focuses the selected node.
    const start = new URL(page.url()).searchParams.get("sel")!;
    await canvas(page).locator(`.react-flow__node[data-id="${start}"]`).focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => new URL(page.url()).searchParams.get("sel")).not.toBe(start);
    const moved = new URL(page.url()).searchParams.get("sel")!;
    expect(moved).toMatch(/^[0-9a-f-]{36}$/);
    await expect(canvas(page).locator(`.react-flow__node[data-id="${moved}"]`)).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(/[?&]sel=/);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/[?&]focus=[0-9a-f-]{36}/);
    await expect(canvas(page)).toHaveAttribute("data-ready", "true");

    // Export: the current view downloads as an SVG document and as a PNG image.
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const svgDownload = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Current view as SVG" }).click();
    const svg = await svgDownload;
    expect(svg.suggestedFilename()).toBe("lineage.svg");
    const svgText = await streamText(await svg.createReadStream());
    expect(svgText).toContain("<svg");
    expect(svgText).toContain("react-flow__node");

    await page.getByRole("button", { name: "Export", exact: true }).click();
    const pngDownload = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Current view as PNG" }).click();
    const png = await pngDownload;
    expect(png.suggestedFilename()).toBe("lineage.png");
    const bytes = await streamBytes(await png.createReadStream());
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  return (await streamBytes(stream)).toString("utf8");
}
